using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Otlp;

/// <summary>The push's own health, served on <c>/metrics</c> and pushed like every self metric.</summary>
internal sealed class OtlpPushMetrics : IDisposable
{
    private static readonly KeyValuePair<string, object?> Success = new("outcome", "success");
    private static readonly KeyValuePair<string, object?> Failure = new("outcome", "failure");

    private readonly Meter meter;
    private readonly Counter<long> exports;
    private readonly Counter<long> refused;

    public OtlpPushMetrics(IMeterFactory meterFactory)
    {
        this.meter = ExporterMeter.Create(meterFactory, ExporterMeter.Otlp);
        this.exports = this.meter.CreateCounter<long>(
            "clientvpn_exporter_otlp_exports",
            unit: "{export}",
            description: "OTLP metric exports by outcome (success, failure: the collector unreachable, refusing or too slow, after the exporter's own retries).");
        this.refused = this.meter.CreateCounter<long>(
            "clientvpn_exporter_otlp_series_refused",
            unit: "{series}",
            description: "Label sets of a fleet metric not pushed in an export because the metric already held ClientVpn:Otlp:CardinalityLimit label sets, by metric.");
    }

    public void Exported(bool succeeded) => this.exports.Add(1, succeeded ? Success : Failure);

    public void Refused(string metric, int count) => this.refused.Add(count, new KeyValuePair<string, object?>("metric", metric));

    public void Dispose() => this.meter.Dispose();
}
