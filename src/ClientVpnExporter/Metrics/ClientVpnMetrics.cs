using System.Diagnostics.Metrics;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.State;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Metrics;

/// <summary>
/// Publishes the fleet on <c>/metrics</c>. The poller hands each completed poll to <see cref="Publish"/>;
/// scrapes run the observable callbacks, which only read the published snapshot and never wait on AWS.
/// Session durations, which must be observed exactly once, go to a histogram in a meter that lives as
/// long as the process.
/// </summary>
internal sealed class ClientVpnMetrics : IDisposable
{
    /// <summary>The meter name of every instrument of the exporter (the <c>otel_scope_name</c> label).</summary>
    public const string MeterName = "ClientVpnExporter";

    /// <summary>The smallest cardinality limit given to an instrument; the SDK's own default.</summary>
    public const int MinimumLimit = 2000;

    /// <summary>How many times the current series a new generation has room for, so replacements stay rare.</summary>
    public const int Headroom = 2;

    // A scrape pins the view it started with, so every callback of one collection reads the same snapshot and
    // generation even when a poll publishes or a generation is replaced in the middle of it.
    private static readonly AsyncLocal<MetricsView?> Pinned = new();

    private readonly Lock publishLock = new();
    private readonly IReadOnlyList<SeriesDefinition> definitions;
    private readonly CardinalityPlan plan;
    private readonly Histogram<double> sessionDuration;
    private volatile MetricsView current = MetricsView.Empty;
    private long generations;

    public ClientVpnMetrics(IMeterFactory meterFactory, CardinalityPlan plan, IOptions<ExporterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        this.plan = plan;
        this.definitions = FleetSeriesCatalog.Build(options.Value.PerUserMetrics, options.Value.PerConnectionMetrics);

        var meter = meterFactory.Create(MeterName, BuildInfo.Version);
        this.sessionDuration = meter.CreateHistogram(
            "clientvpn_session_duration",
            unit: "s",
            description: "Duration of each ended session, observed once when the exporter first sees it ended.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400] });
    }

    /// <summary>The snapshot scrapes currently read.</summary>
    public FleetSnapshot Snapshot => this.current.Snapshot;

    /// <summary>How many series generations have been created; more than one means churn forced a replacement.</summary>
    public long Generations => Interlocked.Read(ref this.generations);

    /// <summary>The current generation, for tests and diagnostics.</summary>
    internal SeriesGeneration? CurrentGeneration => this.current.Generation;

    /// <summary>
    /// Makes <paramref name="snapshot"/> what scrapes see, replacing the series generation first when the
    /// snapshot's label sets would not fit in the current one.
    /// </summary>
    public void Publish(FleetSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (this.publishLock)
        {
            var labelSets = SeriesGeneration.LabelSetsOf(this.definitions, snapshot);
            var generation = this.current.Generation;
            if (generation is null || !generation.TryAdmit(labelSets))
            {
                // The old meter goes first: while its instruments are active, the SDK would attach same-named new
                // ones to the old metric streams, slots and all. A scrape already pinned to the old generation
                // misses these series once; one scrape in hours of churn.
                generation?.Dispose();
                var limits = labelSets.ToDictionary(s => s.Key, s => LimitFor(s.Value.Count));
                var replacement = new SeriesGeneration(Interlocked.Increment(ref this.generations), this.definitions, limits, this.plan, this.SnapshotFor);
                replacement.TryAdmit(labelSets);
                generation = replacement;
            }

            this.current = new MetricsView(generation, snapshot);
        }
    }

    /// <summary>Records the durations of sessions seen ended for the first time.</summary>
    public void RecordEndedSessions(string endpointId, IEnumerable<EndedSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        foreach (var session in sessions)
        {
            this.sessionDuration.Record(
                session.Duration.TotalSeconds,
                new KeyValuePair<string, object?>("endpoint_id", endpointId),
                new KeyValuePair<string, object?>("posture", session.Posture));
        }
    }

    /// <summary>Pins the current view for the calling scrape until the returned scope is disposed.</summary>
    public IDisposable PinForScrape()
    {
        var previous = Pinned.Value;
        Pinned.Value = this.current;
        return new PinScope(previous);
    }

    public void Dispose()
    {
        lock (this.publishLock)
        {
            this.current.Generation?.Dispose();
            this.current = MetricsView.Empty;
        }
    }

    private static int LimitFor(int series)
    {
        var wanted = (long)series * Headroom;
        var rounded = (wanted + MinimumLimit - 1) / MinimumLimit * MinimumLimit;
        return (int)Math.Clamp(rounded, MinimumLimit, int.MaxValue / 2);
    }

    private FleetSnapshot? SnapshotFor(SeriesGeneration generation)
    {
        var view = Pinned.Value ?? this.current;
        return ReferenceEquals(view.Generation, generation) ? view.Snapshot : null;
    }

    private sealed record MetricsView(SeriesGeneration? Generation, FleetSnapshot Snapshot)
    {
        public static MetricsView Empty { get; } = new(null, FleetSnapshot.Empty);
    }

    private sealed class PinScope(MetricsView? previous) : IDisposable
    {
        public void Dispose() => Pinned.Value = previous;
    }
}
