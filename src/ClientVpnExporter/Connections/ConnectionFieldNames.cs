namespace ClientVpnExporter.Connections;

/// <summary>Label values for <see cref="ConnectionField"/>: the API's own lower-camel field names.</summary>
internal static class ConnectionFieldNames
{
    public static string Of(ConnectionField field) => field switch
    {
        ConnectionField.IngressBytes => "ingressBytes",
        ConnectionField.EgressBytes => "egressBytes",
        ConnectionField.IngressPackets => "ingressPackets",
        ConnectionField.EgressPackets => "egressPackets",
        ConnectionField.ConnectionEstablishedTime => "connectionEstablishedTime",
        ConnectionField.ConnectionEndTime => "connectionEndTime",
        ConnectionField.ConnectionId => "connectionId",
        ConnectionField.Status => "status",
        ConnectionField.Timestamp => "timestamp",
        ConnectionField.ClientIp => "clientIp",
        ConnectionField.ClientIpv6Address => "clientIpv6Address",
        ConnectionField.Username => "username",
        ConnectionField.CommonName => "commonName",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
