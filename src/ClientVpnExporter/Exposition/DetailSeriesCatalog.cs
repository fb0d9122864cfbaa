using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// The per-user and per-connection families, each switched on by its own setting. Names follow the same rules as
/// <see cref="FleetSeriesCatalog"/>: a unit of <c>By</c> adds <c>_bytes</c>, <c>s</c> adds <c>_seconds</c>, and
/// counters get <c>_total</c>.
/// </summary>
internal static class DetailSeriesCatalog
{
    private const string EndpointId = "endpoint_id";

    public static IReadOnlyList<DetailFamily> Build(bool perUser, bool perConnection, PrivateLabels privateLabels)
    {
        ArgumentNullException.ThrowIfNull(privateLabels);
        var families = new List<DetailFamily>();
        if (perUser)
        {
            families.Add(new("clientvpn_user_connections", "{connection}", "A user's listed connections by status (per-user detail).", SeriesKind.LongGauge, (endpoint, reading, sink) =>
            {
                foreach (var user in reading.Users)
                {
                    var label = privateLabels.User(user.User);
                    foreach (var (status, count) in user.ConnectionsByStatus)
                    {
                        sink.Add(count, [new(EndpointId, endpoint), new("user", label), new("status", status)]);
                    }
                }
            }));
            families.Add(UserTotal("clientvpn_user_ingress", "By", "Bytes sent by the user's clients (per-user detail).", c => c.IngressBytes, privateLabels));
            families.Add(UserTotal("clientvpn_user_egress", "By", "Bytes received by the user's clients (per-user detail).", c => c.EgressBytes, privateLabels));
            families.Add(UserTotal("clientvpn_user_ingress_packets", "{packet}", "Packets sent by the user's clients (per-user detail).", c => c.IngressPackets, privateLabels));
            families.Add(UserTotal("clientvpn_user_egress_packets", "{packet}", "Packets received by the user's clients (per-user detail).", c => c.EgressPackets, privateLabels));
        }

        if (perConnection)
        {
            families.Add(new("clientvpn_connection_info", "", "A listed connection with its attributes as labels; always 1 (per-connection detail).", SeriesKind.LongGauge, (endpoint, reading, sink) =>
            {
                foreach (var series in reading.Connections)
                {
                    var c = series.Connection;
                    sink.Add(1L,
                    [
                        new(EndpointId, endpoint), new("connection_id", c.ConnectionId), new("user", privateLabels.User(c.User)), new("common_name", privateLabels.CommonName(c.CommonName)),
                        new("client_ip", privateLabels.ClientIp(c.ClientIp)), new("client_ipv6", privateLabels.ClientIp(c.ClientIpv6Address)), new("status", c.Status), new("posture", c.Posture),
                    ]);
                }
            }));
            families.Add(ConnectionTotal("clientvpn_connection_ingress", "By", "Bytes sent by the client on this connection (per-connection detail).", c => c.IngressBytes));
            families.Add(ConnectionTotal("clientvpn_connection_egress", "By", "Bytes received by the client on this connection (per-connection detail).", c => c.EgressBytes));
            families.Add(ConnectionTotal("clientvpn_connection_ingress_packets", "{packet}", "Packets sent by the client on this connection (per-connection detail).", c => c.IngressPackets));
            families.Add(ConnectionTotal("clientvpn_connection_egress_packets", "{packet}", "Packets received by the client on this connection (per-connection detail).", c => c.EgressPackets));
            families.Add(new("clientvpn_connection_established_timestamp", "s", "When the connection was established, as a Unix time (per-connection detail).", SeriesKind.DoubleGauge, (endpoint, reading, sink) =>
            {
                foreach (var series in reading.Connections)
                {
                    if (series.Connection.EstablishedAt is { } established)
                    {
                        sink.Add((double)established.ToUnixTimeSeconds(), [new(EndpointId, endpoint), new("connection_id", series.Connection.ConnectionId)]);
                    }
                }
            }));
        }

        return families;
    }

    private static DetailFamily UserTotal(string name, string unit, string description, Func<TrafficCounters, ulong> field, PrivateLabels privateLabels) =>
        new(name, unit, description, SeriesKind.LongCounter, (endpoint, reading, sink) =>
        {
            foreach (var user in reading.Users)
            {
                sink.Add(field(user.Totals), [new(EndpointId, endpoint), new("user", privateLabels.User(user.User))]);
            }
        });

    private static DetailFamily ConnectionTotal(string name, string unit, string description, Func<TrafficCounters, ulong> field) =>
        new(name, unit, description, SeriesKind.LongCounter, (endpoint, reading, sink) =>
        {
            foreach (var series in reading.Connections)
            {
                sink.Add(field(series.Counters), [new(EndpointId, endpoint), new("connection_id", series.Connection.ConnectionId)]);
            }
        });
}
