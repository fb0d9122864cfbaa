namespace ClientVpnExporter.Health;

/// <summary>Registers the health loop: its EC2 reads, the per-endpoint reader, the cycle and the background loop.</summary>
internal static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// The health stage. It needs what the stages above it give: the ACM and IAM reads (<see cref="ICertificateApi"/>,
    /// <see cref="ISamlProviderApi"/>), where readings are published (<see cref="IHealthPublisher"/>) and permissions
    /// reported (<see cref="IPermissionObserver"/>).
    /// </summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<HealthSubjects>();
        services.AddSingleton<IClientVpnHealthApi, ClientVpnHealthApi>();
        services.AddSingleton<EndpointHealthReader>();
        services.AddSingleton<HealthCycle>();
        services.AddHostedService<HealthLoop>();
        return services;
    }
}
