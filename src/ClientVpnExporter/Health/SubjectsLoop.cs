namespace ClientVpnExporter.Health;

/// <summary>
/// A background read of the endpoints the poll follows, on a cadence of its own: once the first poll has handed over its
/// endpoints (<see cref="HealthSubjects"/>), then every <see cref="Interval"/>. It never waits on a poll nor a poll on it;
/// both go through each target's API budget. A read that outlasts the interval delays the next (the timer's ticks
/// coalesce). The health loop and the attempts loop are two.
/// </summary>
internal abstract partial class SubjectsLoop(HealthSubjects subjects, TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    /// <summary>How often the endpoints are read.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What one read is called in the log, e.g. <c>health cycle</c>.</summary>
    protected abstract string ReadName { get; }

    /// <summary>Reads <paramref name="endpoints"/> once.</summary>
    protected abstract Task ReadAsync(IReadOnlyList<HealthSubject> endpoints, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await subjects.FirstUpdateAsync(stoppingToken);
            using var timer = new PeriodicTimer(this.Interval, timeProvider);
            do
            {
                try
                {
                    await this.ReadAsync(subjects.Current, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Each read isolates its own failures; reaching here is a bug, and the next read may still work.
                    LogReadFailed(logger, ex, this.ReadName);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Read} failed unexpectedly; the next one runs on schedule.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string read);
}
