namespace ClientVpnExporter.Connections;

/// <summary>The fields of a Client VPN connection that arrive as strings and must be parsed or checked.</summary>
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
    Timestamp,
    ClientIp,
    ClientIpv6Address,
    Username,
    CommonName,
}
