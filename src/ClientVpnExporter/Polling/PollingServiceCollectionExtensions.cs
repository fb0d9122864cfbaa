using ClientVpnExporter.Attempts;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Health;
using ClientVpnExporter.Persistence;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Polling;

/// <summary>Registers the poll: the AWS targets it reads through, its parts, the poller, and the background service that runs it.</summary>
internal static class PollingServiceCollectionExtensions
{
    /// <summary>
    /// The shard assignment and the AWS targets it gives this exporter (<see cref="IAwsTargets"/>, <see cref="ShardMetrics"/>), the account identity, the poll's parts and their self metrics, the
    /// state file when <see cref="ExporterOptions.StateFile"/> is set, <see cref="FleetPoller"/> and <see cref="PollingService"/>.
    /// </summary>
    public static IServiceCollection AddPolling(this IServiceCollection services)
    {
        services.AddSingleton<AwsApiMetrics>();
        services.AddSingleton<PollMetrics>();
        services.AddSingleton<PollHistory>();
        services.AddSingleton<ParseMetrics>();
        services.AddSingleton<StateFileMetrics>();
        services.AddSingleton(sp => ShardAssignment.For(sp.GetRequiredService<IOptions<ExporterOptions>>().Value.Sharding, ShardIndex.HostName()));
        services.AddSingleton<ShardMetrics>();
        services.AddSingleton<IAwsTargets>(sp => ActivatorUtilities.CreateInstance<AwsTargets>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AccountIdentity>(sp));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ExporterOptions>>().Value.StateFile is { Length: > 0 } path
            ? new StateFile(path, sp.GetRequiredService<StateFileMetrics>(), sp.GetRequiredService<ILogger<StateFile>>())
            : null!);
        services.AddSingleton<EndpointDiscovery>();
        services.AddSingleton<DiscoveryTracker>();
        services.AddSingleton<PollPlan>();
        services.AddSingleton<EndpointReader>();
        services.AddSingleton<PermissionChecker>();
        services.AddSingleton<IPermissionObserver>(sp => sp.GetRequiredService<PermissionChecker>());
        services.AddSingleton<EarlyDownPublisher>();
        services.AddSingleton<IHealthPublisher>(sp => sp.GetRequiredService<EarlyDownPublisher>());
        services.AddSingleton<IAttemptsPublisher>(sp => sp.GetRequiredService<EarlyDownPublisher>());
        services.AddSingleton<FleetPoller>();
        services.AddHostedService<PollingService>();
        return services;
    }
}
