using ClientVpnExporter.Configuration;
using ClientVpnExporter.Health;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Attempts;

/// <summary>
/// Reads the connection logs in the background on their own cadence: once the first poll has handed over its endpoints
/// (the same ones the health loop reads), then every <see cref="ConnectionLogOptions.Interval"/>
/// (<see cref="SubjectsLoop"/>). Its calls take from each target's CloudWatch Logs budget, not the EC2 one.
/// </summary>
internal sealed class AttemptsLoop(
    HealthSubjects subjects,
    AttemptsCycle cycle,
    IOptions<ExporterOptions> options,
    TimeProvider timeProvider,
    ILogger<AttemptsLoop> logger) : SubjectsLoop(subjects, timeProvider, logger)
{
    protected override TimeSpan Interval => options.Value.ConnectionLog.Interval;

    protected override string ReadName => "read of the connection logs";

    protected override Task ReadAsync(IReadOnlyList<HealthSubject> endpoints, CancellationToken cancellationToken) =>
        cycle.RunAsync(endpoints, cancellationToken);
}
