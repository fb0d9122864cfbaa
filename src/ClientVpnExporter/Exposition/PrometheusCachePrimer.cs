using System.Diagnostics.Metrics;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Runs once at startup, before the server listens, and makes sure the Prometheus exporter never holds on to a
/// replaced instrument generation. The exporter (OpenTelemetry.Exporter.Prometheus.AspNetCore 1.20) keeps a
/// strong cache of the first 1024 metric streams it ever serialized and never evicts them; each replaced
/// generation would stay alive in it, its pre-allocated points and all. So the cache is filled here with 1024
/// one-point throwaway instruments (disposed at once), and the fleet's instruments are never cached.
/// </summary>
internal sealed class PrometheusCachePrimer(IServiceProvider services, CardinalityPlan plan, IOptions<ExporterOptions> options) : IHostedService
{
    /// <summary>The exporter's cache size (its <c>MaxCachedMetrics</c>).</summary>
    public const int CacheSize = 1024;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<MeterProvider>();
        using (var meter = new Meter(ExporterMeter.Name, ExporterMeter.Version))
        {
            plan.Register(meter, 1);
            for (var i = 0; i < CacheSize; i++)
            {
                meter.CreateObservableGauge($"clientvpn_exporter_cache_primer_{i}", static () => 1L);
            }

            var branch = new ApplicationBuilder(services);
            branch.UseOpenTelemetryPrometheusScrapingEndpoint();
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = "/metrics";
            context.Response.Body = Stream.Null;
            await branch.Build()(context);
        }

        // The priming response is cached like any other; let it expire before the first real scrape.
        await Task.Delay(options.Value.ScrapeCacheDuration, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
