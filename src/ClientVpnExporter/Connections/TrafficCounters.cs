namespace ClientVpnExporter.Connections;

/// <summary>The four traffic counters the API reports for a connection, as unsigned 64-bit values.</summary>
internal readonly record struct TrafficCounters(ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets)
{
    /// <summary>Field by field, saturating: a total that cannot grow further stays at the maximum rather than wrap to zero.</summary>
    public static TrafficCounters operator +(TrafficCounters a, TrafficCounters b) => new(
        SaturatingAdd(a.IngressBytes, b.IngressBytes),
        SaturatingAdd(a.EgressBytes, b.EgressBytes),
        SaturatingAdd(a.IngressPackets, b.IngressPackets),
        SaturatingAdd(a.EgressPackets, b.EgressPackets));

    private static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;
}
