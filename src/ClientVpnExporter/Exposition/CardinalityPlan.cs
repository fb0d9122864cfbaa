using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// The cardinality limit of the instrument of each meter the exporter replaces. The OpenTelemetry SDK asks
/// for it through a view when an instrument is published, which is why limits are keyed by the meter that
/// owns the instrument rather than passed at creation.
/// </summary>
internal sealed class CardinalityPlan
{
    /// <summary>Enough metric streams for years of generation replacements (each takes one for good).</summary>
    public const int MaxMetricStreams = 200_000;

    private readonly ConditionalWeakTable<Meter, StrongBox<int>> limits = [];

    public void Register(Meter meter, int limit) => this.limits.AddOrUpdate(meter, new StrongBox<int>(limit));

    /// <summary>The view: a configuration carrying the planned limit, or null for the SDK's defaults.</summary>
    public MetricStreamConfiguration? ConfigurationFor(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return this.limits.TryGetValue(instrument.Meter, out var limit)
            ? new MetricStreamConfiguration { CardinalityLimit = limit.Value }
            : null;
    }
}
