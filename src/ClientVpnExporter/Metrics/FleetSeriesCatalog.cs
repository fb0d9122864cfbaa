using ClientVpnExporter.Labels;
using ClientVpnExporter.State;


namespace ClientVpnExporter.Metrics;

/// <summary>
/// Every fleet metric the exporter publishes, and how each is read from a <see cref="FleetSnapshot"/>.
/// Names are Prometheus names before the exporter's suffixes: a unit of <c>By</c> adds <c>_bytes</c>,
/// <c>s</c> adds <c>_seconds</c>, and counters get <c>_total</c>.
/// </summary>
internal static class FleetSeriesCatalog
{
    private const string EndpointId = "endpoint_id";

    public static IReadOnlyList<SeriesDefinition> Build(bool perUser, bool perConnection, PrivateLabels privateLabels)
    {
        ArgumentNullException.ThrowIfNull(privateLabels);
        var series = new List<SeriesDefinition>
        {
            new("clientvpn_exporter_build_info", "", "The exporter's version and runtime; always 1.", SeriesKind.LongGauge, (_, sink) =>
                sink.Add(1L, [new("version", BuildInfo.Version), new("runtime", BuildInfo.Runtime)])),
            new("clientvpn_endpoint_info", "", "A Client VPN endpoint the exporter reads, with its attributes as labels; always 1.", SeriesKind.LongGauge, (snapshot, sink) =>
            {
                foreach (var endpoint in snapshot.Endpoints)
                {
                    var e = endpoint.Endpoint;
                    sink.Add(1L,
                    [
                        new(EndpointId, e.EndpointId), new("endpoint_name", e.Name), new("region", e.Region), new("account_id", e.AccountId),
                        new("status", e.Status), new("transport", e.Transport), new("vpn_port", e.VpnPort), new("authentication", e.Authentication),
                        new("split_tunnel", e.SplitTunnel), new("vpc_id", e.VpcId),
                    ]);
                }
            }),
            new("clientvpn_endpoint_up", "", "1 when the last poll of the endpoint read every page of its connections, 0 when it failed.", SeriesKind.LongGauge, (snapshot, sink) =>
            {
                foreach (var endpoint in snapshot.Endpoints)
                {
                    sink.Add(endpoint.Up ? 1L : 0L, [new(EndpointId, endpoint.Endpoint.EndpointId)]);
                }
            }),
            new("clientvpn_endpoint_last_success_timestamp", "s", "When the endpoint was last read completely, as a Unix time.", SeriesKind.DoubleGauge, (snapshot, sink) =>
            {
                foreach (var endpoint in snapshot.Endpoints)
                {
                    if (endpoint.LastSuccess is { } success)
                    {
                        sink.Add(success.ToUnixTimeMilliseconds() / 1000.0, [new(EndpointId, endpoint.Endpoint.EndpointId)]);
                    }
                }
            }),
            new("clientvpn_connections", "{connection}", "Connections the API lists for the endpoint (active ones and those ended in the last 60 minutes), by status and posture.", SeriesKind.LongGauge, (snapshot, sink) =>
            {
                foreach (var (endpoint, reading) in CurrentReadings(snapshot))
                {
                    foreach (var count in reading.ConnectionCounts)
                    {
                        sink.Add(count.Count, [new(EndpointId, endpoint), new("status", count.Status), new("posture", count.Posture)]);
                    }
                }
            }),
            new("clientvpn_active_users", "{user}", "Distinct users (Username, else CommonName) with an active connection.", SeriesKind.LongGauge, (snapshot, sink) =>
            {
                foreach (var (endpoint, reading) in CurrentReadings(snapshot))
                {
                    sink.Add(reading.ActiveUsers, [new(EndpointId, endpoint)]);
                }
            }),
            EndpointTotal("clientvpn_ingress", "By", "Bytes sent by clients, summed exactly over every connection seen.", c => c.IngressBytes),
            EndpointTotal("clientvpn_egress", "By", "Bytes received by clients, summed exactly over every connection seen.", c => c.EgressBytes),
            EndpointTotal("clientvpn_ingress_packets", "{packet}", "Packets sent by clients, summed exactly over every connection seen.", c => c.IngressPackets),
            EndpointTotal("clientvpn_egress_packets", "{packet}", "Packets received by clients, summed exactly over every connection seen.", c => c.EgressPackets),
        };

        if (perUser)
        {
            series.Add(new("clientvpn_user_connections", "{connection}", "A user's listed connections by status (per-user detail).", SeriesKind.LongGauge, (snapshot, sink) =>
            {
                foreach (var (endpoint, reading) in CurrentReadings(snapshot))
                {
                    foreach (var user in reading.Users)
                    {
                        foreach (var (status, count) in user.ConnectionsByStatus)
                        {
                            sink.Add(count, [new(EndpointId, endpoint), new("user", privateLabels.User(user.User)), new("status", status)]);
                        }
                    }
                }
            }));
            series.Add(UserTotal("clientvpn_user_ingress", "By", "Bytes sent by the user's clients (per-user detail).", c => c.IngressBytes, privateLabels));
            series.Add(UserTotal("clientvpn_user_egress", "By", "Bytes received by the user's clients (per-user detail).", c => c.EgressBytes, privateLabels));
            series.Add(UserTotal("clientvpn_user_ingress_packets", "{packet}", "Packets sent by the user's clients (per-user detail).", c => c.IngressPackets, privateLabels));
            series.Add(UserTotal("clientvpn_user_egress_packets", "{packet}", "Packets received by the user's clients (per-user detail).", c => c.EgressPackets, privateLabels));
        }

        if (perConnection)
        {
            series.Add(new("clientvpn_connection_info", "", "A listed connection with its attributes as labels; always 1 (per-connection detail).", SeriesKind.LongGauge, (snapshot, sink) =>
            {
                foreach (var (endpoint, reading) in CurrentReadings(snapshot))
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
                }
            }));
            series.Add(ConnectionTotal("clientvpn_connection_ingress", "By", "Bytes sent by the client on this connection (per-connection detail).", c => c.IngressBytes));
            series.Add(ConnectionTotal("clientvpn_connection_egress", "By", "Bytes received by the client on this connection (per-connection detail).", c => c.EgressBytes));
            series.Add(ConnectionTotal("clientvpn_connection_ingress_packets", "{packet}", "Packets sent by the client on this connection (per-connection detail).", c => c.IngressPackets));
            series.Add(ConnectionTotal("clientvpn_connection_egress_packets", "{packet}", "Packets received by the client on this connection (per-connection detail).", c => c.EgressPackets));
            series.Add(new("clientvpn_connection_established_timestamp", "s", "When the connection was established, as a Unix time (per-connection detail).", SeriesKind.DoubleGauge, (snapshot, sink) =>
            {
                foreach (var (endpoint, reading) in CurrentReadings(snapshot))
                {
                    foreach (var series in reading.Connections)
                    {
                        if (series.Connection.EstablishedAt is { } established)
                        {
                            sink.Add((double)established.ToUnixTimeSeconds(), [new(EndpointId, endpoint), new("connection_id", series.Connection.ConnectionId)]);
                        }
                    }
                }
            }));
        }

        return series;
    }

    private static IEnumerable<(string EndpointId, EndpointReading Reading)> Readings(FleetSnapshot snapshot)
    {
        foreach (var endpoint in snapshot.Endpoints)
        {
            if (endpoint.Reading is { } reading)
            {
                yield return (endpoint.Endpoint.EndpointId, reading);
            }
        }
    }

    /// <summary>Readings that are still current: gauges of an endpoint failing past the staleness bound are dropped.</summary>
    private static IEnumerable<(string EndpointId, EndpointReading Reading)> CurrentReadings(FleetSnapshot snapshot)
    {
        foreach (var endpoint in snapshot.Endpoints)
        {
            if (endpoint.Reading is { } reading && !endpoint.Stale)
            {
                yield return (endpoint.Endpoint.EndpointId, reading);
            }
        }
    }

    private static SeriesDefinition EndpointTotal(string name, string unit, string description, Func<TrafficCounters, ulong> field) =>
        new(name, unit, description, SeriesKind.LongCounter, (snapshot, sink) =>
        {
            foreach (var (endpoint, reading) in Readings(snapshot))
            {
                foreach (var totals in reading.Totals)
                {
                    sink.Add(field(totals.Totals), [new(EndpointId, endpoint), new("posture", totals.Posture)]);
                }
            }
        });

    private static SeriesDefinition UserTotal(string name, string unit, string description, Func<TrafficCounters, ulong> field, PrivateLabels privateLabels) =>
        new(name, unit, description, SeriesKind.LongCounter, (snapshot, sink) =>
        {
            foreach (var (endpoint, reading) in Readings(snapshot))
            {
                foreach (var user in reading.Users)
                {
                    sink.Add(field(user.Totals), [new(EndpointId, endpoint), new("user", privateLabels.User(user.User))]);
                }
            }
        });

    private static SeriesDefinition ConnectionTotal(string name, string unit, string description, Func<TrafficCounters, ulong> field) =>
        new(name, unit, description, SeriesKind.LongCounter, (snapshot, sink) =>
        {
            foreach (var (endpoint, reading) in Readings(snapshot))
            {
                foreach (var series in reading.Connections)
                {
                    sink.Add(field(series.Counters), [new(EndpointId, endpoint), new("connection_id", series.Connection.ConnectionId)]);
                }
            }
        });
}
