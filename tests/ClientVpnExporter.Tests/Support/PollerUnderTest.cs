using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Health;
using ClientVpnExporter.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Tests.Support;

/// <summary>
/// A <see cref="FleetPoller"/> composed as the host composes it (<see cref="PollingServiceCollectionExtensions.AddPolling"/>),
/// reading through the given targets and publishing to the given metrics.
/// </summary>
internal sealed class PollerUnderTest : IDisposable
{
    private readonly ServiceProvider services;

    public PollerUnderTest(
        IAwsTargets targets,
        FleetPublisher metrics,
        ExporterOptions options,
        TimeProvider timeProvider,
        ILoggerProvider? logs = null,
        Action<IServiceCollection>? configure = null)
    {
        var collection = new ServiceCollection()
            .AddMetrics()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs ?? NullLoggerProvider.Instance))
            .AddSingleton(Options.Create(options))
            .AddSingleton(timeProvider)
            .AddSingleton(metrics)
            .AddSingleton<IFleetPublisher>(metrics)
            .AddPolling()
            .AddHealth()
            .AddSingleton(targets);
        configure?.Invoke(collection);
        this.services = collection.BuildServiceProvider();
        this.Poller = this.services.GetRequiredService<FleetPoller>();
    }

    public FleetPoller Poller { get; }

    public IServiceProvider Services => this.services;

    public Task PollAsync(CancellationToken cancellationToken) => this.Poller.PollAsync(cancellationToken);

    public void Dispose() => this.services.Dispose();
}
