using ClientVpnExporter.Configuration;
using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Otlp;

/// <summary>
/// The fleet families as OpenTelemetry observable instruments, for the OTLP push only: each reads the view
/// <see cref="FleetPublisher.Current"/> holds when the push collects, through the same <see cref="MetricFamily"/> code
/// that writes <c>/metrics</c>, so both carry the same names, labels and values. The meter is made with
/// <c>new Meter</c>, not by the host's factory, so the host's own OpenTelemetry provider (which serves <c>/metrics</c>)
/// never takes it; the push's provider takes this meter instance and no other of its name.
/// </summary>
internal sealed class FleetInstruments : IDisposable
{
    public FleetInstruments(FleetPublisher publisher, OtlpSettings settings, IReadOnlySet<string> detailFamilies, OtlpPushMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(detailFamilies);
        this.Meter = new Meter(ExporterMeter.Name, ExporterMeter.Version);

        // Points of a delta store are reclaimed a collect after they stop being reported; cumulative ones never are.
        // Gauges follow the reader's preference as counters do (the SDK gives them its delta store under Delta).
        var reclaimed = settings.Temporality == OtlpTemporality.Delta;
        var pushed = new List<string>();
        foreach (var family in publisher.Families)
        {
            // Per-user and per-connection label sets come and go with every session: only a store that reclaims can carry them.
            // The histogram is SessionDurationPush's, fed session by session.
            if (family.Kind == FamilyKind.Histogram || (detailFamilies.Contains(family.Name) && !reclaimed))
            {
                continue;
            }

            var guard = new SeriesGuard(family.Name, settings.CardinalityLimit, reclaimed, metrics);
            var unit = family.Unit.Length == 0 ? null : family.Unit;
            _ = family.Kind switch
            {
                FamilyKind.Counter => (Instrument)this.Meter.CreateObservableCounter(family.Name, () => Collect(publisher, family).Longs(guard), unit, family.Description),
                _ when family.Unit == "s" => this.Meter.CreateObservableGauge(family.Name, () => Collect(publisher, family).Doubles(guard), unit, family.Description),
                _ => this.Meter.CreateObservableGauge(family.Name, () => Collect(publisher, family).Longs(guard), unit, family.Description),
            };
            pushed.Add(family.Name);
        }

        this.Pushed = pushed;
    }

    public Meter Meter { get; }

    /// <summary>The names of the families pushed, in <c>/metrics</c> order.</summary>
    public IReadOnlyList<string> Pushed { get; }

    public void Dispose() => this.Meter.Dispose();

    private static MeasurementCollector Collect(FleetPublisher publisher, MetricFamily family)
    {
        var collector = new MeasurementCollector();
        foreach (var endpoint in family.EndpointsIn(publisher.Current.View))
        {
            family.Write(endpoint, collector);
        }

        return collector;
    }
}
