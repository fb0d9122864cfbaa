using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ClientVpnExporter.Exposition;

/// <summary>Registers what serves <c>/metrics</c>: the fleet publisher, OpenTelemetry with the Prometheus exporter for the self metrics, and the endpoint.</summary>
internal static class ExpositionServiceCollectionExtensions
{
    /// <summary>The OpenTelemetry SDK's listener, as <c>OpenTelemetry.Extensions.Hosting</c> registers it.</summary>
    public const string OpenTelemetryListener = "OpenTelemetry";

    /// <summary>
    /// The fleet publisher (<see cref="IFleetPublisher"/>), and OpenTelemetry's metrics with the Prometheus exporter.
    /// OpenTelemetry sees only this host's own meters whose name starts with <see cref="ExporterMeter.Name"/>
    /// (<c>ClientVpnExporter.Aws</c> and the like; the rule matches the longest prefix, not only dot-children): enabled
    /// for the host's meter factory (<see cref="MeterScope.Local"/>) rather than by a global AddMeter, so two exporters
    /// in one process each serve only their own self metrics.
    /// </summary>
    public static IServiceCollection AddExposition(this IServiceCollection services)
    {
        services.AddSingleton<FleetPublisher>();
        services.AddSingleton<IFleetPublisher>(sp => sp.GetRequiredService<FleetPublisher>());
        services.AddSingleton<BuildInfoMetrics>();
        services.AddSingleton<ExporterPartCompressor>();
        services.AddSingleton<ScrapeCacheMetrics>();

        services.AddMetrics(metrics => metrics.EnableMetrics(ExporterMeter.Name, null, OpenTelemetryListener, MeterScope.Local));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("clientvpn-exporter", serviceVersion: BuildInfo.Version))
            .WithMetrics(metrics => metrics.AddPrometheusExporter());

        // The exporter's own response cache: it now holds only the self metrics, collected at most this often; the
        // fleet part changes once per poll and is rendered from the published view.
        services.AddOptions<PrometheusAspNetCoreOptions>().Configure<IOptions<ExporterOptions>>((prometheus, exporter) =>
            prometheus.ScrapeResponseCacheDurationMilliseconds = (int)exporter.Value.ScrapeCacheDuration.TotalMilliseconds);
        return services;
    }

    /// <summary>
    /// Maps <c>/metrics</c>: the OpenTelemetry Prometheus exporter's endpoint, with the fleet families appended by
    /// <see cref="MetricsEndpoint"/>. Returns the endpoint, for the host's own conventions.
    /// </summary>
    public static IEndpointConventionBuilder MapMetricsEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // An observable instrument exists once created; build_info and the scrape cache's gauge are created here, before the first scrape.
        app.Services.GetRequiredService<BuildInfoMetrics>();
        app.Services.GetRequiredService<ScrapeCacheMetrics>();
        app.Use(MetricsEndpoint.InvokeAsync);
        return app.MapPrometheusScrapingEndpoint().WithFleetFamilies();
    }
}
