namespace ClientVpnSimulator.Fleet;

/// <summary>The four traffic counters Client VPN reports, from the client's point of view.</summary>
/// <param name="IngressBytes">Bytes sent by the client.</param>
/// <param name="EgressBytes">Bytes received by the client.</param>
/// <param name="IngressPackets">Packets sent by the client.</param>
/// <param name="EgressPackets">Packets received by the client.</param>
internal readonly record struct SimulatedTraffic(ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets)
{
    /// <summary>Adds counters field by field.</summary>
    public static SimulatedTraffic operator +(SimulatedTraffic left, SimulatedTraffic right) => new(
        left.IngressBytes + right.IngressBytes,
        left.EgressBytes + right.EgressBytes,
        left.IngressPackets + right.IngressPackets,
        left.EgressPackets + right.EgressPackets);
}
