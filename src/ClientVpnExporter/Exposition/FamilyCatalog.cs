using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Every fleet family <c>/metrics</c> serves, in the order it serves them, and how each is read from an
/// <see cref="EndpointView"/>: the endpoint-level families, the endpoint-health ones (<see cref="HealthFamilies"/>), the
/// connection-attempt ones (<see cref="AttemptFamilies"/>), then the per-user and per-connection ones, each switched on
/// by its own setting. The endpoint-level families keep what OpenTelemetry wrote for them (the scope labels, label keys
/// in ordinal order, <c>_created</c>); the detail families never went through it and keep their own label order.
/// </summary>
internal static class FamilyCatalog
{
    private const string EndpointId = "endpoint_id";

    public static IReadOnlyList<MetricFamily> Build(bool perUser, bool perConnection, PrivateLabels privateLabels)
    {
        ArgumentNullException.ThrowIfNull(privateLabels);
        var families = new List<MetricFamily>(EndpointFamilies());
        families.AddRange(HealthFamilies.All());
        families.AddRange(AttemptFamilies.Endpoint());
        if (perUser)
        {
            families.AddRange(UserFamilies(privateLabels));
            families.AddRange(AttemptFamilies.User(privateLabels));
        }

        if (perConnection)
        {
            families.AddRange(ConnectionFamilies(privateLabels));
        }

        return families;
    }

    private static IEnumerable<MetricFamily> EndpointFamilies()
    {
        yield return Endpoint("clientvpn_endpoint_info", "", "A Client VPN endpoint the exporter reads, with its attributes as labels; always 1.", FamilyKind.Gauge, FamilyEndpoints.All, (view, writer) =>
        {
            var e = view.Endpoint;
            writer.Add(1L,
            [
                new("account_id", e.AccountId), new("authentication", e.Authentication), new(EndpointId, e.EndpointId), new("endpoint_name", e.Name),
                new("region", e.Region), new("split_tunnel", e.SplitTunnel), new("status", e.Status), new("transport", e.Transport),
                new("vpc_id", e.VpcId), new("vpn_port", e.VpnPort),
            ]);
        });
        yield return Endpoint("clientvpn_endpoint_up", "", "1 when the last poll of the endpoint read every page of its connections, 0 when it failed.", FamilyKind.Gauge, FamilyEndpoints.All, (view, writer) =>
            writer.Add(view.Up ? 1L : 0L, [new(EndpointId, view.Endpoint.EndpointId)]));
        yield return Endpoint("clientvpn_endpoint_last_success_timestamp", "s", "When the endpoint was last read completely, as a Unix time.", FamilyKind.Gauge, FamilyEndpoints.All, (view, writer) =>
        {
            if (view.LastSuccess is { } success)
            {
                writer.Add(success.ToUnixTimeMilliseconds() / 1000.0, [new(EndpointId, view.Endpoint.EndpointId)]);
            }
        });
        yield return Reading("clientvpn_connections", "{connection}", "Connections the API lists for the endpoint (active ones and those ended in the last 60 minutes), by status and posture.", FamilyKind.Gauge, openTelemetryLabels: true, (endpoint, reading, writer) =>
        {
            foreach (var count in reading.ConnectionCounts)
            {
                writer.Add(count.Count, [new(EndpointId, endpoint), new("posture", count.Posture), new("status", count.Status)]);
            }
        });
        yield return Reading("clientvpn_active_users", "{user}", "Distinct users (Username, else CommonName) with an active connection.", FamilyKind.Gauge, openTelemetryLabels: true, (endpoint, reading, writer) =>
            writer.Add(reading.ActiveUsers, [new(EndpointId, endpoint)]));
        yield return EndpointTotal("clientvpn_ingress", "By", "Bytes sent by clients, summed exactly over every connection seen.", c => c.IngressBytes);
        yield return EndpointTotal("clientvpn_egress", "By", "Bytes received by clients, summed exactly over every connection seen.", c => c.EgressBytes);
        yield return EndpointTotal("clientvpn_ingress_packets", "{packet}", "Packets sent by clients, summed exactly over every connection seen.", c => c.IngressPackets);
        yield return EndpointTotal("clientvpn_egress_packets", "{packet}", "Packets received by clients, summed exactly over every connection seen.", c => c.EgressPackets);
        yield return Reading("clientvpn_session_duration", "s", "Duration of each ended session, observed once when the exporter first sees it ended.", FamilyKind.Histogram, openTelemetryLabels: true, (endpoint, reading, writer) =>
        {
            foreach (var sessions in reading.SessionDurations)
            {
                var histogram = sessions.Durations;
                writer.Add(histogram.BucketCounts, histogram.Sum, histogram.Count, [new(EndpointId, endpoint), new("posture", sessions.Posture)]);
            }
        }, SessionDurationHistogram.BucketBounds);
    }

    private static IEnumerable<MetricFamily> UserFamilies(PrivateLabels privateLabels)
    {
        yield return Reading("clientvpn_user_connections", "{connection}", "A user's listed connections by status (per-user detail).", FamilyKind.Gauge, openTelemetryLabels: false, (endpoint, reading, writer) =>
        {
            foreach (var user in reading.Users)
            {
                var label = privateLabels.User(user.User);
                foreach (var (status, count) in user.ConnectionsByStatus)
                {
                    writer.Add(count, [new(EndpointId, endpoint), new("user", label), new("status", status)]);
                }
            }
        }, detail: true);
        yield return UserTotal("clientvpn_user_ingress", "By", "Bytes sent by the user's clients (per-user detail).", c => c.IngressBytes, privateLabels);
        yield return UserTotal("clientvpn_user_egress", "By", "Bytes received by the user's clients (per-user detail).", c => c.EgressBytes, privateLabels);
        yield return UserTotal("clientvpn_user_ingress_packets", "{packet}", "Packets sent by the user's clients (per-user detail).", c => c.IngressPackets, privateLabels);
        yield return UserTotal("clientvpn_user_egress_packets", "{packet}", "Packets received by the user's clients (per-user detail).", c => c.EgressPackets, privateLabels);
    }

    private static IEnumerable<MetricFamily> ConnectionFamilies(PrivateLabels privateLabels)
    {
        yield return Reading("clientvpn_connection_info", "", "A listed connection with its attributes as labels; always 1 (per-connection detail).", FamilyKind.Gauge, openTelemetryLabels: false, (endpoint, reading, writer) =>
        {
            foreach (var series in reading.Connections)
            {
                var c = series.Connection;
                writer.Add(1L,
                [
                    new(EndpointId, endpoint), new("connection_id", c.ConnectionId), new("user", privateLabels.User(c.User)), new("common_name", privateLabels.CommonName(c.CommonName)),
                    new("client_ip", privateLabels.ClientIp(c.ClientIp)), new("client_ipv6", privateLabels.ClientIp(c.ClientIpv6Address)), new("status", c.Status), new("posture", c.Posture),
                ]);
            }
        }, detail: true);
        yield return ConnectionTotal("clientvpn_connection_ingress", "By", "Bytes sent by the client on this connection (per-connection detail).", c => c.IngressBytes);
        yield return ConnectionTotal("clientvpn_connection_egress", "By", "Bytes received by the client on this connection (per-connection detail).", c => c.EgressBytes);
        yield return ConnectionTotal("clientvpn_connection_ingress_packets", "{packet}", "Packets sent by the client on this connection (per-connection detail).", c => c.IngressPackets);
        yield return ConnectionTotal("clientvpn_connection_egress_packets", "{packet}", "Packets received by the client on this connection (per-connection detail).", c => c.EgressPackets);
        yield return Reading("clientvpn_connection_established_timestamp", "s", "When the connection was established, as a Unix time (per-connection detail).", FamilyKind.Gauge, openTelemetryLabels: false, (endpoint, reading, writer) =>
        {
            foreach (var series in reading.Connections)
            {
                if (series.Connection.EstablishedAt is { } established)
                {
                    writer.Add((double)established.ToUnixTimeSeconds(), [new(EndpointId, endpoint), new("connection_id", series.Connection.ConnectionId)]);
                }
            }
        }, detail: true);
    }

    /// <summary>A family written from each endpoint's view, with the labels OpenTelemetry gave it.</summary>
    private static MetricFamily Endpoint(string name, string unit, string description, FamilyKind kind, FamilyEndpoints endpoints, Action<EndpointView, ISampleWriter> write) =>
        new(name, unit, description, kind, endpoints, openTelemetryLabels: true, write);

    /// <summary>
    /// A family written from each endpoint's reading: counters from every reading, gauges only from current ones.
    /// </summary>
    private static MetricFamily Reading(
        string name,
        string unit,
        string description,
        FamilyKind kind,
        bool openTelemetryLabels,
        Action<string, EndpointReading, ISampleWriter> write,
        IReadOnlyList<double>? bucketBounds = null,
        bool detail = false) =>
        new(
            name,
            unit,
            description,
            kind,
            kind == FamilyKind.Gauge ? FamilyEndpoints.WithCurrentReading : FamilyEndpoints.WithReading,
            openTelemetryLabels,
            (view, writer) => write(view.Endpoint.EndpointId, view.Reading!, writer),
            bucketBounds,
            detail);

    private static MetricFamily EndpointTotal(string name, string unit, string description, Func<TrafficCounters, ulong> field) =>
        Reading(name, unit, description, FamilyKind.Counter, openTelemetryLabels: true, (endpoint, reading, writer) =>
        {
            foreach (var totals in reading.Totals)
            {
                writer.Add(field(totals.Totals), [new(EndpointId, endpoint), new("posture", totals.Posture)]);
            }
        });

    private static MetricFamily UserTotal(string name, string unit, string description, Func<TrafficCounters, ulong> field, PrivateLabels privateLabels) =>
        Reading(name, unit, description, FamilyKind.Counter, openTelemetryLabels: false, (endpoint, reading, writer) =>
        {
            foreach (var user in reading.Users)
            {
                writer.Add(field(user.Totals), [new(EndpointId, endpoint), new("user", privateLabels.User(user.User))]);
            }
        }, detail: true);

    private static MetricFamily ConnectionTotal(string name, string unit, string description, Func<TrafficCounters, ulong> field) =>
        Reading(name, unit, description, FamilyKind.Counter, openTelemetryLabels: false, (endpoint, reading, writer) =>
        {
            foreach (var series in reading.Connections)
            {
                writer.Add(field(series.Counters), [new(EndpointId, endpoint), new("connection_id", series.Connection.ConnectionId)]);
            }
        }, detail: true);
}
