using System.Collections.Concurrent;
using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Health;

/// <summary>
/// One health cycle: reads every endpoint the last poll followed (concurrently, up to
/// <see cref="ExporterOptions.MaxConcurrentEndpoints"/>), each from its reading of the cycle before, then publishes the
/// new readings together. An endpoint the poll no longer follows is no longer read, and its reading is dropped.
/// </summary>
internal sealed class HealthCycle(
    EndpointHealthReader reader,
    ICertificateApi certificates,
    ISamlProviderApi samlProviders,
    IHealthPublisher publisher,
    IOptions<ExporterOptions> options) : IDisposable
{
    private readonly SerialCycleGate cycleGate = new();
    private IReadOnlyDictionary<string, HealthReading> readings = new Dictionary<string, HealthReading>();
    private int completed;

    /// <summary>The readings of the last cycle, by endpoint id.</summary>
    public IReadOnlyDictionary<string, HealthReading> Readings => Volatile.Read(ref this.readings);

    /// <summary>How many cycles have completed.</summary>
    public int Completed => Volatile.Read(ref this.completed);

    /// <summary>Reads every one of <paramref name="subjects"/> and publishes the readings. Waits for a running cycle first: cycles never overlap.</summary>
    public async Task RunAsync(IReadOnlyList<HealthSubject> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        await this.cycleGate.RunAsync(() => this.RunOnceAsync(subjects, cancellationToken), cancellationToken);
    }

    public void Dispose() => this.cycleGate.Dispose();

    private async Task RunOnceAsync(IReadOnlyList<HealthSubject> subjects, CancellationToken cancellationToken)
    {
        var before = this.Readings;
        var cache = new HealthCycleCache(certificates, samlProviders);
        var after = new ConcurrentDictionary<string, HealthReading>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            subjects,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentEndpoints, CancellationToken = cancellationToken },
            async (subject, token) =>
            {
                var id = subject.Description.EndpointId;
                after[id] = await reader.ReadAsync(subject, before.GetValueOrDefault(id), cache, token);
            });

        var published = new Dictionary<string, HealthReading>(after, StringComparer.Ordinal);
        Volatile.Write(ref this.readings, published);
        Interlocked.Increment(ref this.completed);
        publisher.Publish(published);
    }
}
