using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Metrics;

/// <summary>
/// The cardinality limit of each instrument of each series generation. The OpenTelemetry SDK asks for it
/// through a view when an instrument is published, which is why the limits are keyed by the meter that
/// owns the instrument rather than passed at creation.
/// </summary>
internal sealed class CardinalityPlan
{
    private readonly ConditionalWeakTable<Meter, IReadOnlyDictionary<string, int>> limits = [];

    public void Register(Meter meter, IReadOnlyDictionary<string, int> limitsByInstrument) =>
        this.limits.AddOrUpdate(meter, limitsByInstrument);

    /// <summary>The view: a configuration carrying the planned limit, or null for the SDK's defaults.</summary>
    public MetricStreamConfiguration? ConfigurationFor(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return this.limits.TryGetValue(instrument.Meter, out var byName) && byName.TryGetValue(instrument.Name, out var limit)
            ? new MetricStreamConfiguration { CardinalityLimit = limit }
            : null;
    }
}
