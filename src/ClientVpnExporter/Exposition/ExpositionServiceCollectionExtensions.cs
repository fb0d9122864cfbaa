using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ClientVpnExporter.Exposition;

/// <summary>Registers what serves <c>/metrics</c>: the fleet publisher, OpenTelemetry with the Prometheus exporter, and the endpoint.</summary>
internal static class ExpositionServiceCollectionExtensions
{
    /// <summary>The fleet publisher (<see cref="IFleetPublisher"/>), the detail families, and OpenTelemetry's metrics with the Prometheus exporter.</summary>
    public static IServiceCollection AddExposition(this IServiceCollection services)
    {
        services.AddSingleton<ClientVpnMetrics>();
        services.AddSingleton<IFleetPublisher>(sp => sp.GetRequiredService<ClientVpnMetrics>());
        services.AddSingleton<DetailExposition>();

        // Hosted services start in the order they are registered: the host adds exposition before polling, so the
        // cache is primed before the poller starts, as it always was.
        services.AddHostedService<PrometheusCachePrimer>();

        var plan = new CardinalityPlan();
        services.AddSingleton(plan);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("clientvpn-exporter", serviceVersion: BuildInfo.Version))
            .WithMetrics(metrics => metrics
                .AddMeter(ExporterMeter.Name)
                .AddView(plan.ConfigurationFor)
                .SetMaxMetricStreams(CardinalityPlan.MaxMetricStreams)
                .AddPrometheusExporter());

        services.AddOptions<PrometheusAspNetCoreOptions>().Configure<IOptions<ExporterOptions>>((prometheus, exporter) =>
            prometheus.ScrapeResponseCacheDurationMilliseconds = (int)exporter.Value.ScrapeCacheDuration.TotalMilliseconds);
        return services;
    }

    /// <summary>
    /// Maps <c>/metrics</c>: the OpenTelemetry Prometheus exporter's endpoint, with the detail families appended by
    /// <see cref="MetricsResponseComposer"/>. Returns the endpoint, for the host's own conventions.
    /// </summary>
    public static IEndpointConventionBuilder MapMetricsEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(MetricsResponseComposer.InvokeAsync);
        return app.MapPrometheusScrapingEndpoint().WithDetailFamilies();
    }
}
