using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Otlp;

/// <summary>Registers the OTLP push when the settings ask for it.</summary>
internal static class OtlpServiceCollectionExtensions
{
    /// <summary>
    /// Resolves <see cref="OtlpSettings"/> from <paramref name="configuration"/> (throwing for a bad value), registers
    /// them, and with <c>otlp</c> among the metrics exporters the push (<see cref="OtlpPush"/>), its metrics and its
    /// session-duration histogram. Call it after AddExposition and before AddPolling: the push's provider must listen
    /// before the first poll publishes (hosted services start in order), and it then stops after the poller, with a
    /// last export of the last poll.
    /// </summary>
    public static OtlpSettings AddOtlpPush(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = OtlpSettings.Resolve(configuration);
        services.AddSingleton(settings);
        if (settings.Push)
        {
            services.AddSingleton<OtlpPushMetrics>();

            // Registered after AddExposition's, so every publish passes through the histogram on its way to FleetPublisher.
            services.AddSingleton<SessionDurationPush>();
            services.AddSingleton<IFleetPublisher>(sp => sp.GetRequiredService<SessionDurationPush>());
            services.AddSingleton<OtlpPush>();
            services.AddHostedService(sp => sp.GetRequiredService<OtlpPush>());
        }

        return settings;
    }
}
