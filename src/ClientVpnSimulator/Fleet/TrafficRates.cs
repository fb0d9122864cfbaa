namespace ClientVpnSimulator.Fleet;

/// <summary>A connection's constant traffic profile while it is active.</summary>
/// <param name="IngressBytesPerSecond">Bytes per second the client sends.</param>
/// <param name="EgressBytesPerSecond">Bytes per second the client receives.</param>
/// <param name="IngressPacketBytes">Average size of a packet the client sends.</param>
/// <param name="EgressPacketBytes">Average size of a packet the client receives.</param>
internal readonly record struct TrafficRates(uint IngressBytesPerSecond, uint EgressBytesPerSecond, ushort IngressPacketBytes, ushort EgressPacketBytes)
{
    /// <summary>
    /// The counters after <paramref name="activeMs"/> milliseconds of activity: integer arithmetic only,
    /// so the values are exact and never decrease as the time grows.
    /// </summary>
    public SimulatedTraffic After(long activeMs)
    {
        if (activeMs <= 0)
        {
            return default;
        }

        var ms = (ulong)activeMs;
        var ingressBytes = (ulong)((UInt128)this.IngressBytesPerSecond * ms / 1000);
        var egressBytes = (ulong)((UInt128)this.EgressBytesPerSecond * ms / 1000);
        return new SimulatedTraffic(ingressBytes, egressBytes, ingressBytes / this.IngressPacketBytes, egressBytes / this.EgressPacketBytes);
    }

    /// <summary>Draws a profile: interactive users send little, receive several times more, in larger packets.</summary>
    public static TrafficRates Draw(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ingress = random.NextLogUniform(200, 40_000);
        var egress = ingress * (2 + (random.NextDouble() * 10));
        return new TrafficRates(
            (uint)Math.Round(ingress),
            (uint)Math.Round(egress),
            (ushort)random.NextLong(90, 420),
            (ushort)random.NextLong(600, 1400));
    }
}
