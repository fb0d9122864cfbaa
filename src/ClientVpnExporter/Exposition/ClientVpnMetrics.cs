using System.Diagnostics.Metrics;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Publishes the fleet on <c>/metrics</c>. The poller hands each completed poll to <see cref="Publish"/>;
/// scrapes run the observable callbacks, which only read the published snapshot and never wait on AWS.
/// Session durations, which must be observed exactly once, go to a histogram in a meter that lives as
/// long as the process.
/// </summary>
internal sealed class ClientVpnMetrics : IFleetPublisher, IDisposable
{
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
    private volatile MetricsView current;
    private long generations;

    public ClientVpnMetrics(IMeterFactory meterFactory, CardinalityPlan plan)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.plan = plan;
        this.definitions = FleetSeriesCatalog.Build();
        this.current = new MetricsView(new InstrumentGeneration?[this.definitions.Count], FleetView.Empty);

        var meter = ExporterMeter.Create(meterFactory);
        this.sessionDuration = meter.CreateHistogram(
            "clientvpn_session_duration",
            unit: "s",
            description: "Duration of each ended session, observed once when the exporter first sees it ended.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400] });
    }

    /// <summary>The snapshot scrapes currently read.</summary>
    public FleetView Snapshot => this.current.Snapshot;

    /// <summary>How many instrument generations have been created; more than one per series means churn forced a replacement.</summary>
    public long Generations => Interlocked.Read(ref this.generations);

    /// <summary>
    /// Makes <paramref name="snapshot"/> what scrapes see, first replacing the instrument of any series whose
    /// label sets would no longer fit in its generation.
    /// </summary>
    public void Publish(FleetView snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (this.publishLock)
        {
            var generations = this.current.Generations.ToArray();
            for (var i = 0; i < this.definitions.Count; i++)
            {
                var labelSets = InstrumentGeneration.LabelSetsOf(this.definitions[i], snapshot);
                if (generations[i] is { } generation && generation.TryAdmit(labelSets))
                {
                    continue;
                }

                // The old meter goes first: while its instrument is active, the SDK would attach a same-named new
                // one to the old metric stream, slots and all. A scrape already pinned to the old generation
                // misses this series once; one scrape in hours of churn.
                generations[i]?.Dispose();
                generations[i] = new InstrumentGeneration(this.definitions[i], LimitFor(labelSets.Count), this.plan, this.SnapshotFor);
                generations[i]!.TryAdmit(labelSets);
                Interlocked.Increment(ref this.generations);
            }

            this.current = new MetricsView(generations, snapshot);
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

    /// <summary>
    /// Pins the current view for the calling scrape until the returned scope is disposed; the scope's snapshot is
    /// the one the scrape's detail families are written from.
    /// </summary>
    public ScrapePin PinForScrape()
    {
        var previous = Pinned.Value;
        var view = this.current;
        Pinned.Value = view;
        return new ScrapePin(view.Snapshot, previous);
    }

    public void Dispose()
    {
        lock (this.publishLock)
        {
            foreach (var generation in this.current.Generations)
            {
                generation?.Dispose();
            }

            this.current = new MetricsView(new InstrumentGeneration?[this.definitions.Count], FleetView.Empty);
        }
    }

    private static int LimitFor(int series)
    {
        var wanted = (long)series * Headroom;
        var rounded = (wanted + MinimumLimit - 1) / MinimumLimit * MinimumLimit;
        return (int)Math.Clamp(rounded, MinimumLimit, int.MaxValue / 2);
    }

    private FleetView? SnapshotFor(InstrumentGeneration generation)
    {
        var view = Pinned.Value ?? this.current;
        return view.Generations.Contains(generation) ? view.Snapshot : null;
    }

    internal sealed record MetricsView(IReadOnlyList<InstrumentGeneration?> Generations, FleetView Snapshot);

    /// <summary>A scrape's pinned view, released on dispose.</summary>
    internal sealed class ScrapePin : IDisposable
    {
        private readonly MetricsView? previous;

        public ScrapePin(FleetView snapshot, MetricsView? previous)
        {
            this.Snapshot = snapshot;
            this.previous = previous;
        }

        public FleetView Snapshot { get; }

        public void Dispose() => Pinned.Value = this.previous;
    }
}
