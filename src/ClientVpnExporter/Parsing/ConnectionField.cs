namespace ClientVpnExporter.Parsing;

/// <summary>The fields of a Client VPN connection that arrive as strings and must be parsed.</summary>
internal enum ConnectionField
{
    IngressBytes,
    EgressBytes,
    IngressPackets,
    EgressPackets,
    ConnectionEstablishedTime,
    ConnectionEndTime,
    ConnectionId,
    Status,
}
