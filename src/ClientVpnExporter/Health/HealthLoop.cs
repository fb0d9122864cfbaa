using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Health;

/// <summary>
/// Runs the health cycle in the background on its own cadence: once the first poll has handed over its endpoints, then
/// every <see cref="ExporterOptions.HealthInterval"/> (<see cref="SubjectsLoop"/>).
/// </summary>
internal sealed class HealthLoop(
    HealthSubjects subjects,
    HealthCycle cycle,
    IOptions<ExporterOptions> options,
    TimeProvider timeProvider,
    ILogger<HealthLoop> logger) : SubjectsLoop(subjects, timeProvider, logger)
{
    protected override TimeSpan Interval => options.Value.HealthInterval;

    protected override string ReadName => "health cycle";

    protected override Task ReadAsync(IReadOnlyList<HealthSubject> endpoints, CancellationToken cancellationToken) =>
        cycle.RunAsync(endpoints, cancellationToken);
}
