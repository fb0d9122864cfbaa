using ClientVpnExporter.Aws;

namespace ClientVpnExporter.Polling;

/// <summary>Registers the poll: the AWS clients it reads through, the poller, and the background service that runs it.</summary>
internal static class PollingServiceCollectionExtensions
{
    /// <summary>The AWS targets (<see cref="IEc2ClientSource"/>), <see cref="FleetPoller"/> and <see cref="PollingService"/>.</summary>
    public static IServiceCollection AddPolling(this IServiceCollection services)
    {
        services.AddSingleton<IEc2ClientSource>(sp => ActivatorUtilities.CreateInstance<Ec2ClientSource>(sp));
        services.AddSingleton<FleetPoller>();
        services.AddHostedService<PollingService>();
        return services;
    }
}
