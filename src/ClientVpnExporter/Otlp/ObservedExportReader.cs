using ClientVpnExporter.Configuration;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Otlp;

/// <summary>
/// The SDK's periodic reader, which also tells each collect-and-export's outcome to the push's metrics and outage
/// log. <see cref="MetricReader.Collect"/> is false when the exporter failed (after its own retries) or ran out of time.
/// Before each collect it says one is about to happen, for what counts label sets per export interval.
/// </summary>
internal sealed class ObservedExportReader : PeriodicExportingMetricReader
{
    private readonly Action collecting;
    private readonly Action<bool> outcome;

    public ObservedExportReader(OtlpMetricExporter exporter, OtlpSettings settings, Action collecting, Action<bool> outcome)
        : base(exporter, (int)settings.ExportInterval.TotalMilliseconds, (int)settings.ExportTimeout.TotalMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.collecting = collecting;
        this.outcome = outcome;
        this.TemporalityPreference = settings.Temporality switch
        {
            OtlpTemporality.Delta => MetricReaderTemporalityPreference.Delta,
            OtlpTemporality.LowMemory => MetricReaderTemporalityPreference.LowMemory,
            _ => MetricReaderTemporalityPreference.Cumulative,
        };
    }

    protected override bool OnCollect(int timeoutMilliseconds)
    {
        this.collecting();
        var succeeded = base.OnCollect(timeoutMilliseconds);
        this.outcome(succeeded);
        return succeeded;
    }
}
