namespace ClientVpnSimulator.Control;

/// <summary>Traffic of every connection an endpoint ever had with one exact posture list.</summary>
/// <param name="PostureStatuses">The posture list, sorted ordinally; empty for none.</param>
/// <param name="IngressBytes">Bytes sent by clients.</param>
/// <param name="EgressBytes">Bytes received by clients.</param>
/// <param name="IngressPackets">Packets sent by clients.</param>
/// <param name="EgressPackets">Packets received by clients.</param>
internal sealed record PostureTruth(
    IReadOnlyList<string> PostureStatuses,
    ulong IngressBytes,
    ulong EgressBytes,
    ulong IngressPackets,
    ulong EgressPackets);
