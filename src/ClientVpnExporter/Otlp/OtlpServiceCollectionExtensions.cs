namespace ClientVpnExporter.Otlp;

/// <summary>Registers the OTLP push when the settings ask for it.</summary>
internal static class OtlpServiceCollectionExtensions
{
    /// <summary>
    /// Resolves <see cref="OtlpSettings"/> from <paramref name="configuration"/> (throwing for a bad value), registers
    /// them, and with <c>otlp</c> among the metrics exporters the push (<see cref="OtlpPush"/>) and its metrics.
    /// </summary>
    public static OtlpSettings AddOtlpPush(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = OtlpSettings.Resolve(configuration);
        services.AddSingleton(settings);
        if (settings.Push)
        {
            services.AddSingleton<OtlpPushMetrics>();
            services.AddSingleton<OtlpPush>();
            services.AddHostedService(sp => sp.GetRequiredService<OtlpPush>());
        }

        return settings;
    }
}
