using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Polls AWS in the background: once at start, then every poll interval. A poll that outlasts the
/// interval delays the next one (the timer's ticks coalesce), so polls never overlap.
/// </summary>
internal sealed partial class PollingService(
    IServiceProvider services,
    IOptions<ExporterOptions> options,
    TimeProvider timeProvider,
    ILogger<PollingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The poller is made here, not when the host makes its hosted services: it counts a state file it cannot read
        // while it is made, and the host enables this host's meters (MeterScope.Local) only after making them.
        var poller = services.GetRequiredService<FleetPoller>();
        services.GetRequiredService<ShardMetrics>();
        using var timer = new PeriodicTimer(options.Value.PollInterval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await poller.PollAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A poll isolates endpoint failures itself; reaching here is a bug, and the next poll may still work.
                    this.LogPollFailed(ex);
                }

                ReturnPollMemory();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// A poll reads hundreds of pages, holding each endpoint's until it is complete; once published, all of that
    /// is garbage. One compacting collection right after the poll gives its memory back to the system, so the
    /// resident size between polls is the live set, not the poll's peak. It costs tens of milliseconds once per
    /// poll interval (docs/performance.md).
    /// </summary>
    private static void ReturnPollMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    [LoggerMessage(Level = LogLevel.Error, Message = "A poll failed unexpectedly; the next poll runs on schedule.")]
    private partial void LogPollFailed(Exception exception);
}
