namespace ClientVpnExporter.Health;

/// <summary>Registers the health loop: its EC2, ACM and IAM reads, the per-endpoint reader, the cycle and the background loop.</summary>
internal static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// The health stage. It needs what the poll's stage gives (<c>AddPolling</c>): the targets, where readings are
    /// published (<see cref="IHealthPublisher"/>) and permissions reported (<see cref="IPermissionObserver"/>).
    /// </summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<HealthSubjects>();
        services.AddSingleton<IClientVpnHealthApi, ClientVpnHealthApi>();
        services.AddSingleton<ICertificateApi, AcmCertificateApi>();
        services.AddSingleton<ISamlProviderApi, IamSamlProviderApi>();
        services.AddSingleton<EndpointHealthReader>();
        services.AddSingleton<HealthCycle>();
        services.AddHostedService<HealthLoop>();
        return services;
    }
}
