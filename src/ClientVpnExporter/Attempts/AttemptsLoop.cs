using ClientVpnExporter.Configuration;
using ClientVpnExporter.Health;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Attempts;

/// <summary>
/// Reads the connection logs in the background on their own cadence: once the first poll has handed over its endpoints
/// (the same ones the health loop reads), then every <see cref="ConnectionLogOptions.Interval"/>. It never waits on a
/// poll nor a poll on it; its calls take from each target's CloudWatch Logs budget. A read that outlasts the interval
/// delays the next (the timer's ticks coalesce).
/// </summary>
internal sealed partial class AttemptsLoop(
    HealthSubjects subjects,
    AttemptsCycle cycle,
    IOptions<ExporterOptions> options,
    TimeProvider timeProvider,
    ILogger<AttemptsLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await subjects.FirstUpdateAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.ConnectionLog.Interval, timeProvider);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A read of the connection logs failed unexpectedly; the next one runs on schedule.")]
    private partial void LogCycleFailed(Exception exception);
}
