using Amazon.EC2.Model;

namespace ClientVpnSimulator.Tests.Support;

public readonly record struct Counters(ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets)
{
    public static Counters Of(ClientVpnConnection c) =>
        new(ulong.Parse(c.IngressBytes), ulong.Parse(c.EgressBytes), ulong.Parse(c.IngressPackets), ulong.Parse(c.EgressPackets));

    public static Counters Of(EndpointTruthDocument e) => new(e.IngressBytes, e.EgressBytes, e.IngressPackets, e.EgressPackets);

    public static Counters Sum(IEnumerable<Counters> all) => all.Aggregate(default(Counters), (a, b) => a + b);

    public static Counters operator +(Counters a, Counters b) =>
        new(a.IngressBytes + b.IngressBytes, a.EgressBytes + b.EgressBytes, a.IngressPackets + b.IngressPackets, a.EgressPackets + b.EgressPackets);

    public bool NoneBelow(Counters other) =>
        this.IngressBytes >= other.IngressBytes && this.EgressBytes >= other.EgressBytes
        && this.IngressPackets >= other.IngressPackets && this.EgressPackets >= other.EgressPackets;
}
