using ClientVpnExporter.Connections;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Every endpoint-level metric the exporter publishes through OpenTelemetry, and how each is read from a
/// <see cref="FleetView"/>. Their label sets are bounded by the fleet's endpoints, statuses and postures; the
/// per-user and per-connection families are in <see cref="DetailSeriesCatalog"/>.
/// Names are Prometheus names before the exporter's suffixes: a unit of <c>By</c> adds <c>_bytes</c>,
/// <c>s</c> adds <c>_seconds</c>, and counters get <c>_total</c>.
/// </summary>
internal static class FleetSeriesCatalog
{
    private const string EndpointId = "endpoint_id";

    public static IReadOnlyList<SeriesDefinition> Build()
    {
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

        return series;
    }

    private static IEnumerable<(string EndpointId, EndpointReading Reading)> Readings(FleetView snapshot) =>
        SnapshotReadings.Of(snapshot, currentOnly: false);

    private static IEnumerable<(string EndpointId, EndpointReading Reading)> CurrentReadings(FleetView snapshot) =>
        SnapshotReadings.Of(snapshot, currentOnly: true);

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
}
