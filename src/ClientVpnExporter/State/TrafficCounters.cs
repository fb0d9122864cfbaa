namespace ClientVpnExporter.State;

/// <summary>The four traffic counters the API reports for a connection, as unsigned 64-bit values.</summary>
internal readonly record struct TrafficCounters(ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets)
{
    public static TrafficCounters Zero => default;

    /// <summary>Field by field, saturating: a total that cannot grow further stays at the maximum rather than wrap to zero.</summary>
    public static TrafficCounters operator +(TrafficCounters a, TrafficCounters b) => new(
        SaturatingAdd(a.IngressBytes, b.IngressBytes),
        SaturatingAdd(a.EgressBytes, b.EgressBytes),
        SaturatingAdd(a.IngressPackets, b.IngressPackets),
        SaturatingAdd(a.EgressPackets, b.EgressPackets));

    /// <summary>
    /// The growth from <paramref name="previous"/> to this value, field by field. A field that went down
    /// contributes nothing: the API's counters only grow, so a lower value is a glitch, and counting it as
    /// a decrease would make a Prometheus counter go backwards.
    /// </summary>
    public TrafficCounters IncreaseSince(TrafficCounters previous) => new(
        Grow(previous.IngressBytes, this.IngressBytes),
        Grow(previous.EgressBytes, this.EgressBytes),
        Grow(previous.IngressPackets, this.IngressPackets),
        Grow(previous.EgressPackets, this.EgressPackets));

    /// <summary>The larger of the two values, field by field.</summary>
    public TrafficCounters Max(TrafficCounters other) => new(
        Math.Max(this.IngressBytes, other.IngressBytes),
        Math.Max(this.EgressBytes, other.EgressBytes),
        Math.Max(this.IngressPackets, other.IngressPackets),
        Math.Max(this.EgressPackets, other.EgressPackets));

    private static ulong Grow(ulong before, ulong after) => after > before ? after - before : 0;

    private static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;
}
