using ClientVpnExporter.Configuration;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Otlp;

/// <summary>
/// The SDK's periodic reader, which also tells each collect-and-export's outcome to the push's metrics and outage
/// log. <see cref="MetricReader.Collect"/> is false when the exporter failed (after its own retries) or ran out of time.
/// </summary>
internal sealed class ObservedExportReader : PeriodicExportingMetricReader
{
    private readonly Action<bool> outcome;

    public ObservedExportReader(OtlpMetricExporter exporter, OtlpSettings settings, Action<bool> outcome)
        : base(exporter, (int)settings.ExportInterval.TotalMilliseconds, (int)settings.ExportTimeout.TotalMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(settings);
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
        var succeeded = base.OnCollect(timeoutMilliseconds);
        this.outcome(succeeded);
        return succeeded;
    }
}
