using ClientVpnExporter.Attempts;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// The connection-attempt families (issue 16): what the attempts loop counted from each endpoint's connection log
/// (<see cref="EndpointView.Attempts"/>), and whether discovery describes the endpoint's connection logging as on. Every
/// family is keyed by <c>endpoint_id</c>. They never went through OpenTelemetry, so they carry no scope labels. An
/// endpoint whose log has never been read completely has no attempt series.
/// </summary>
internal static class AttemptFamilies
{
    private const string EndpointId = "endpoint_id";

    /// <summary>The endpoint-level families.</summary>
    public static IEnumerable<MetricFamily> Endpoint()
    {
        yield return Read("clientvpn_connection_attempts", "{attempt}", FamilyKind.Counter, "Connection attempts in the endpoint's connection log since the exporter started, each event counted once: status successful, failed, waiting-for-assertion or other; reason a documented failure reason, none, or other for undocumented text.", (id, reading, writer) =>
        {
            foreach (var count in reading.Attempts)
            {
                writer.Add(count.Count, [new(EndpointId, id), new("status", count.Status), new("reason", count.Reason)]);
            }
        });
        yield return new MetricFamily("clientvpn_endpoint_connection_log_enabled", "", "1 when the endpoint writes a connection log to CloudWatch Logs (connectionLogOptions Enabled), 0 when it does not: a state, not an error.", FamilyKind.Gauge, FamilyEndpoints.All, openTelemetryLabels: false, (view, writer) =>
            writer.Add(view.Endpoint.ConnectionLogEnabled ? 1L : 0L, [new(EndpointId, view.Endpoint.EndpointId)]));
        yield return Read("clientvpn_endpoint_connection_log_newest_event_timestamp", "s", FamilyKind.Gauge, "The newest event timestamp read from the endpoint's connection log, as a Unix time.", (id, reading, writer) =>
        {
            if (reading.NewestEvent is { } newest)
            {
                writer.Add(newest.ToUnixTimeMilliseconds() / 1000.0, [new(EndpointId, id)]);
            }
        });
        yield return Read("clientvpn_endpoint_connection_log_ingestion_lag", "s", FamilyKind.Gauge, "The largest ingestion time minus event time among the events of the last complete read of the endpoint's connection log: how late events arrive (ClientVpn:ConnectionLog:Lookback must exceed it).", (id, reading, writer) =>
        {
            if (reading.IngestionLag is { } lag)
            {
                writer.Add(lag.TotalMilliseconds / 1000.0, [new(EndpointId, id)]);
            }
        });
    }

    /// <summary>The per-user family, with the user label through the privacy settings.</summary>
    public static IEnumerable<MetricFamily> User(PrivateLabels privateLabels)
    {
        ArgumentNullException.ThrowIfNull(privateLabels);
        yield return Read("clientvpn_user_connection_attempts", "{attempt}", FamilyKind.Counter, "A user's connection attempts in the endpoint's connection log since the exporter started, by status (per-user detail; user is username, else the certificate's common name).", (id, reading, writer) =>
        {
            foreach (var count in reading.Users)
            {
                writer.Add(count.Count, [new(EndpointId, id), new("user", privateLabels.User(count.User)), new("status", count.Status)]);
            }
        }, detail: true);
    }

    /// <summary>A family written from each endpoint's attempts reading, for the endpoints whose log was read completely at least once.</summary>
    private static MetricFamily Read(string name, string unit, FamilyKind kind, string description, Action<string, AttemptReading, ISampleWriter> write, bool detail = false) =>
        new(name, unit, description, kind, FamilyEndpoints.WithAttempts, openTelemetryLabels: false, (view, writer) => write(view.Endpoint.EndpointId, view.Attempts!, writer), detail: detail);
}
