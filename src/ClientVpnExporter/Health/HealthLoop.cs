using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Health;

/// <summary>
/// Runs the health cycle in the background on its own cadence: once the first poll has handed over its endpoints, then
/// every <see cref="ExporterOptions.HealthInterval"/>. It never waits on a poll nor a poll on it; both go through each
/// target's API budget. A cycle that outlasts the interval delays the next (the timer's ticks coalesce).
/// </summary>
internal sealed partial class HealthLoop(
    HealthSubjects subjects,
    HealthCycle cycle,
    IOptions<ExporterOptions> options,
    TimeProvider timeProvider,
    ILogger<HealthLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await subjects.FirstUpdateAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.HealthInterval, timeProvider);
            do
            {
                try
                {
                    await cycle.RunAsync(subjects.Current, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Each read isolates its own failures; reaching here is a bug, and the next cycle may still work.
                    this.LogCycleFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A health cycle failed unexpectedly; the next one runs on schedule.")]
    private partial void LogCycleFailed(Exception exception);
}
