using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Attempts;

/// <summary>What the reads of the connection logs made of their events, by outcome (<see cref="EventOutcome"/>).</summary>
internal sealed class ConnectionLogMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly Counter<long> events;

    public ConnectionLogMetrics(IMeterFactory meterFactory)
    {
        this.meter = ExporterMeter.Create(meterFactory, ExporterMeter.Attempts);
        this.events = this.meter.CreateCounter<long>(
            "clientvpn_exporter_connection_log_events",
            unit: "{event}",
            description: "Connection log events the complete reads of the endpoints' connection logs returned, by outcome: counted (an attempt), duplicate (seen before by its id), not_attempt, malformed or before_start (before the exporter started counting).");
    }

    /// <summary>Counts one read's <paramref name="outcomes"/>, by <see cref="EventOutcomes.All"/>'s order.</summary>
    public void Count(IReadOnlyList<int> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        for (var i = 0; i < outcomes.Count; i++)
        {
            // Every outcome is written from the first read, 0 included, so that rate() sees each one's first increase.
            this.events.Add(outcomes[i], new KeyValuePair<string, object?>("outcome", EventOutcomes.Label(EventOutcomes.All[i])));
        }
    }

    public void Dispose() => this.meter.Dispose();
}
