using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Aws;

/// <summary>
/// What the organisation's refreshes found and how they went: <c>clientvpn_exporter_organization_accounts{state}</c> (kept,
/// excluded, suspended, from the last good refresh), <c>clientvpn_exporter_organization_refresh_last_success_timestamp_seconds</c>
/// and <c>clientvpn_exporter_organization_refresh_errors_total{reason}</c>. Made only with <c>Organization:Enabled</c>.
/// </summary>
internal sealed class OrganizationMetrics
{
    private readonly Counter<long> errors;
    private volatile Last? last;

    public OrganizationMetrics(IMeterFactory meterFactory)
    {
        var meter = ExporterMeter.Create(meterFactory, ExporterMeter.Polling);
        meter.CreateObservableGauge<long>(
            "clientvpn_exporter_organization_accounts",
            () => this.last is { } last
                ? (Measurement<long>[])[
                    new Measurement<long>(last.Reading.Kept.Count, new KeyValuePair<string, object?>("state", "kept")),
                    new Measurement<long>(last.Reading.Excluded, new KeyValuePair<string, object?>("state", "excluded")),
                    new Measurement<long>(last.Reading.Inactive, new KeyValuePair<string, object?>("state", "suspended")),
                ]
                : [],
            unit: "{account}",
            description: "Accounts of the organisation at its last good refresh: kept (read), excluded (active, left out by the filters), suspended (suspended, pending closure or closed).");
        meter.CreateObservableGauge<double>(
            "clientvpn_exporter_organization_refresh_last_success_timestamp",
            () => this.last is { } last ? (Measurement<double>[])[new Measurement<double>(last.At.ToUnixTimeMilliseconds() / 1000.0)] : [],
            unit: "s",
            description: "When the organisation's accounts were last read completely, as a Unix time.");
        this.errors = meter.CreateCounter<long>(
            "clientvpn_exporter_organization_refresh_errors",
            unit: "{error}",
            description: "Refreshes of the organisation that failed, by reason (list_accounts, list_children, list_tags: the last list is kept), and accounts whose regions could not be read (describe_regions: their last regions are kept).");
    }

    public void Succeeded(OrganizationReading reading, DateTimeOffset at) => this.last = new Last(reading, at);

    public void Failed(string reason, long count = 1) => this.errors.Add(count, new KeyValuePair<string, object?>("reason", reason));

    private sealed record Last(OrganizationReading Reading, DateTimeOffset At);
}
