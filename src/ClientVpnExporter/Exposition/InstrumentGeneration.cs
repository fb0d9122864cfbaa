using System.Diagnostics.Metrics;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// One observable instrument for a <see cref="SeriesDefinition"/>, in a meter of its own, with a fixed
/// cardinality limit. Under cumulative temporality the OpenTelemetry SDK never frees the slot of a label set
/// that stopped being reported, so connection ids and users that come and go would fill any limit. A
/// generation counts the distinct label sets it has reported; before it would reach its limit, the exporter
/// replaces it with a new generation (a new meter, fresh slots) and disposes the old one. Values live in the
/// exporter's ledger, not in the instrument, so the swap loses nothing.
/// </summary>
internal sealed class InstrumentGeneration : IDisposable
{
    /// <summary>The share of the limit a generation may fill before it is replaced.</summary>
    public const double FillRatio = 0.9;

    private readonly Meter meter;
    private readonly SeriesDefinition definition;
    private readonly HashSet<ulong> reported = [];

    public InstrumentGeneration(SeriesDefinition definition, int limit, CardinalityPlan plan, Func<InstrumentGeneration, FleetView?> snapshotFor)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(plan);
        this.definition = definition;
        this.Limit = limit;
        this.meter = new Meter(ExporterMeter.Name, ExporterMeter.Version);

        // The plan must know the limit before the instrument is published to the SDK.
        plan.Register(this.meter, limit);
        var unit = definition.Unit.Length == 0 ? null : definition.Unit;
        _ = definition.Kind switch
        {
            SeriesKind.LongGauge => (Instrument)this.meter.CreateObservableGauge(definition.Name, () => this.Read(snapshotFor).Longs, unit, definition.Description),
            SeriesKind.LongCounter => this.meter.CreateObservableCounter(definition.Name, () => this.Read(snapshotFor).Longs, unit, definition.Description),
            SeriesKind.DoubleGauge => this.meter.CreateObservableGauge(definition.Name, () => this.Read(snapshotFor).Doubles, unit, definition.Description),
            _ => throw new ArgumentOutOfRangeException(nameof(definition), definition.Kind, "Unknown series kind."),
        };
    }

    public int Limit { get; }

    /// <summary>How many distinct label sets this generation has reported.</summary>
    public int Reported => this.reported.Count;

    /// <summary>The hashes of the label sets <paramref name="definition"/> writes for <paramref name="snapshot"/>.</summary>
    public static HashSet<ulong> LabelSetsOf(SeriesDefinition definition, FleetView snapshot)
    {
        ArgumentNullException.ThrowIfNull(definition);
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

        return hashes;
    }

    /// <summary>
    /// True when <paramref name="labelSets"/> fit under the fill limit together with everything reported so
    /// far; then they are recorded as reported.
    /// </summary>
    public bool TryAdmit(HashSet<ulong> labelSets)
    {
        ArgumentNullException.ThrowIfNull(labelSets);
        var added = labelSets.Count(hash => !this.reported.Contains(hash));
        if (this.reported.Count + added > this.Limit * FillRatio)
        {
            return false;
        }

        this.reported.UnionWith(labelSets);
        return true;
    }

    public void Dispose() => this.meter.Dispose();

    private MeasurementSink Read(Func<InstrumentGeneration, FleetView?> snapshotFor)
    {
        var sink = new MeasurementSink();
        if (snapshotFor(this) is { } snapshot)
        {
            this.definition.Write(snapshot, sink);
        }

        return sink;
    }
}
