namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>
/// Metrics the rules and dashboards already use that the exporter publishes only with the fault-handling
/// work (retries, the request budget, permission probes, poll overruns). Until then their panels show no
/// data and their alerts stay quiet, but every query on them must still evaluate.
/// </summary>
internal static class FutureMetrics
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "clientvpn_exporter_api_retries_total",
        "clientvpn_exporter_budget_wait_seconds_total",
        "clientvpn_exporter_permission_ok",
        "clientvpn_exporter_poll_overruns_total",
    };

    /// <summary>
    /// Counters the exporter has today that appear on /metrics only after their first event, so a healthy
    /// scrape does not show them (a parse error never happens against the simulator).
    /// </summary>
    public static IReadOnlySet<string> OnFirstEvent { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "clientvpn_exporter_parse_errors_total",
    };
}
