using System.Diagnostics.Metrics;
using ClientVpnExporter.Labels;
using ClientVpnExporter.State;

namespace ClientVpnExporter.Metrics;

/// <summary>
/// One set of observable instruments for every <see cref="SeriesDefinition"/>, in a meter of its own.
/// Under cumulative temporality the OpenTelemetry SDK never frees the slot of a label set that stopped
/// being reported, so connection ids and users that come and go would fill any cardinality limit. A
/// generation counts the distinct label sets it has reported; before one would reach its limit, the
/// exporter replaces the whole generation (a new meter, fresh slots) and disposes the old one. Values
/// live in the exporter's ledger, not in the instruments, so the swap loses nothing.
/// </summary>
internal sealed class SeriesGeneration : IDisposable
{
    /// <summary>The share of a limit a generation may fill before it is replaced.</summary>
    public const double FillRatio = 0.9;

    private readonly Meter meter;
    private readonly IReadOnlyList<SeriesDefinition> definitions;
    private readonly Dictionary<string, HashSet<ulong>> reported;

    public SeriesGeneration(
        long number,
        IReadOnlyList<SeriesDefinition> definitions,
        IReadOnlyDictionary<string, int> limits,
        CardinalityPlan plan,
        Func<SeriesGeneration, FleetSnapshot?> snapshotFor)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(plan);
        this.Number = number;
        this.definitions = definitions;
        this.Limits = limits;
        this.reported = definitions.ToDictionary(d => d.Name, _ => new HashSet<ulong>());
        this.meter = new Meter(ClientVpnMetrics.MeterName, BuildInfo.Version);

        // The plan must know the limits before the first instrument is published to the SDK.
        plan.Register(this.meter, limits);
        foreach (var definition in definitions)
        {
            this.CreateInstrument(definition, snapshotFor);
        }
    }

    public long Number { get; }

    public IReadOnlyDictionary<string, int> Limits { get; }

    /// <summary>The distinct label sets each instrument has reported so far.</summary>
    public int ReportedCount(string name) => this.reported[name].Count;

    /// <summary>
    /// Counts the label sets <paramref name="labelSets"/> would add. True when they fit under every
    /// instrument's fill limit; then they are recorded as reported.
    /// </summary>
    public bool TryAdmit(IReadOnlyDictionary<string, HashSet<ulong>> labelSets)
    {
        ArgumentNullException.ThrowIfNull(labelSets);
        foreach (var (name, sets) in labelSets)
        {
            var seen = this.reported[name];
            var added = sets.Count(hash => !seen.Contains(hash));
            if (seen.Count + added > this.Limits[name] * FillRatio)
            {
                return false;
            }
        }

        foreach (var (name, sets) in labelSets)
        {
            this.reported[name].UnionWith(sets);
        }

        return true;
    }

    /// <summary>The hashes of the label sets every definition writes for <paramref name="snapshot"/>.</summary>
    public static Dictionary<string, HashSet<ulong>> LabelSetsOf(IReadOnlyList<SeriesDefinition> definitions, FleetSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var result = new Dictionary<string, HashSet<ulong>>(definitions.Count);
        foreach (var definition in definitions)
        {
            var sink = new MeasurementSink();
            definition.Write(snapshot, sink);
            var hashes = new HashSet<ulong>(sink.Longs.Count + sink.Doubles.Count);
            foreach (var m in sink.Longs)
            {
                hashes.Add(StableHash.OfTags(m.Tags));
            }

            foreach (var m in sink.Doubles)
            {
                hashes.Add(StableHash.OfTags(m.Tags));
            }

            result.Add(definition.Name, hashes);
        }

        return result;
    }

    public void Dispose() => this.meter.Dispose();

    private void CreateInstrument(SeriesDefinition definition, Func<SeriesGeneration, FleetSnapshot?> snapshotFor)
    {
        var unit = definition.Unit.Length == 0 ? null : definition.Unit;
        switch (definition.Kind)
        {
            case SeriesKind.LongGauge:
                this.meter.CreateObservableGauge(definition.Name, () => this.ReadLongs(definition, snapshotFor), unit, definition.Description);
                break;
            case SeriesKind.LongCounter:
                this.meter.CreateObservableCounter(definition.Name, () => this.ReadLongs(definition, snapshotFor), unit, definition.Description);
                break;
            case SeriesKind.DoubleGauge:
                this.meter.CreateObservableGauge(definition.Name, () => this.ReadDoubles(definition, snapshotFor), unit, definition.Description);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(definition), definition.Kind, "Unknown series kind.");
        }
    }

    private List<Measurement<long>> ReadLongs(SeriesDefinition definition, Func<SeriesGeneration, FleetSnapshot?> snapshotFor)
    {
        if (snapshotFor(this) is not { } snapshot)
        {
            return [];
        }

        var sink = new MeasurementSink();
        definition.Write(snapshot, sink);
        return sink.Longs;
    }

    private List<Measurement<double>> ReadDoubles(SeriesDefinition definition, Func<SeriesGeneration, FleetSnapshot?> snapshotFor)
    {
        if (snapshotFor(this) is not { } snapshot)
        {
            return [];
        }

        var sink = new MeasurementSink();
        definition.Write(snapshot, sink);
        return sink.Doubles;
    }
}
