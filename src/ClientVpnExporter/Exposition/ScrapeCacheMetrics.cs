using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// <c>clientvpn_exporter_scrape_cache_bytes{format,encoding}</c>: what the current rendering holds for scrapes, so that
/// memory figures can be read against it. Only gzip members are held (a plain answer inflates one), so
/// <c>encoding</c> is always <c>gzip</c>; a format no scrape asked for lately holds 0.
/// </summary>
internal sealed class ScrapeCacheMetrics : IDisposable
{
    private static readonly KeyValuePair<string, object?> Gzip = new("encoding", "gzip");
    private static readonly KeyValuePair<string, object?> Text = new("format", "text");
    private static readonly KeyValuePair<string, object?> OpenMetrics = new("format", "openmetrics");

    private readonly Meter meter;

    public ScrapeCacheMetrics(IMeterFactory meterFactory, FleetPublisher publisher)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        this.meter = ExporterMeter.Create(meterFactory, ExporterMeter.Exposition);
        this.meter.CreateObservableGauge(
            "clientvpn_exporter_scrape_cache",
            () =>
            {
                var rendering = publisher.Current;
                return new Measurement<long>[]
                {
                    new(rendering.CachedBytes(ExpositionFormat.PrometheusText), Text, Gzip),
                    new(rendering.CachedBytes(ExpositionFormat.OpenMetrics), OpenMetrics, Gzip),
                };
            },
            "By",
            "Bytes the current rendering of the fleet part of /metrics holds for scrapes, by format (text, openmetrics) and encoding (gzip: a plain answer inflates the gzip member). 0 for a format no scrape asked for in the last 10 minutes.");
    }

    public void Dispose() => this.meter.Dispose();
}
