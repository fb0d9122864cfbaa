using System.Diagnostics.Metrics;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Otlp;

/// <summary>
/// <c>clientvpn_session_duration</c> for the OTLP push. .NET has no observable histogram, so this is a synchronous
/// <see cref="Histogram{T}"/> with the buckets of <c>/metrics</c>, fed with the very sessions the ledger observed for
/// the <c>/metrics</c> histogram (<see cref="EndpointReading.EndedSessions"/>), each once: it stands between the poller
/// and <see cref="FleetPublisher"/>, and records a reading's sessions the first time a published view carries that
/// reading (a view republished by the health loop, or keeping a failed endpoint's last reading, records nothing again).
/// Its meter is made with <c>new Meter</c>, like <see cref="FleetInstruments"/>'s, so only the push's provider takes it.
/// </summary>
/// <remarks>
/// Only what this process observed is recorded: after a restart the <c>/metrics</c> histogram continues from the state
/// file, while this one starts a new cumulative stream (new start time) or new deltas, which is what an OTLP consumer
/// must be told, since the restored sessions were not observed in the new stream's interval (docs/architecture.md).
/// </remarks>
internal sealed class SessionDurationPush : IFleetPublisher, IDisposable
{
    private const string PostureLabel = "posture";

    private readonly FleetPublisher publisher;
    private readonly Histogram<double> durations;
    private readonly SeriesGuard guard;
    private readonly Lock gate = new();
    private Dictionary<string, EndpointReading> recorded = new(StringComparer.Ordinal);
    private Dictionary<string, EndpointReading> spare = new(StringComparer.Ordinal);

    public SessionDurationPush(FleetPublisher publisher, OtlpSettings settings, OtlpPushMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(settings);
        this.publisher = publisher;
        this.Family = publisher.Families.Single(family => family.Name == FamilyCatalog.SessionDuration);
        this.Meter = new Meter(ExporterMeter.Name, ExporterMeter.Version);
        this.durations = this.Meter.CreateHistogram<double>(this.Family.Name, this.Family.Unit, this.Family.Description);

        // Delta and lowmemory both aggregate a synchronous histogram as delta, where the SDK reclaims a label set's slot
        // a collect after its last record; only cumulative keeps every label set ever recorded.
        this.guard = new SeriesGuard(this.Family.Name, settings.CardinalityLimit, settings.Temporality != OtlpTemporality.Cumulative, metrics);
    }

    /// <summary>The meter of the histogram, for the push's provider to take.</summary>
    public Meter Meter { get; }

    /// <summary>The <c>/metrics</c> family this histogram pushes: its name, unit, description and bucket bounds.</summary>
    public MetricFamily Family { get; }

    /// <summary>Publishes <paramref name="view"/>, then records the sessions of each reading it is the first view to carry.</summary>
    public void Publish(FleetView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        this.publisher.Publish(view);
        lock (this.gate)
        {
            // Before the push's provider listens a record would be lost: the reading stays unrecorded until it does.
            var listening = this.durations.Enabled;
            var next = this.spare;
            foreach (var endpoint in view.Endpoints)
            {
                if (endpoint.Reading is not { } reading)
                {
                    continue;
                }

                var id = endpoint.Endpoint.EndpointId;
                if (this.recorded.TryGetValue(id, out var last) && ReferenceEquals(last, reading))
                {
                    next[id] = reading;
                }
                else if (listening)
                {
                    this.Record(id, reading.EndedSessions);
                    next[id] = reading;
                }
            }

            // Endpoints no longer published are forgotten: one taken for gone never comes back with the same reading.
            this.recorded.Clear();
            (this.recorded, this.spare) = (next, this.recorded);
        }
    }

    /// <summary>
    /// Ends one export interval for the cardinality guard. The reader calls it before each collect: a record racing
    /// with the collect then counts in the later interval, so the guard can only overestimate what the SDK holds.
    /// </summary>
    public void EndInterval()
    {
        lock (this.gate)
        {
            this.guard.EndCollect();
        }
    }

    public void Dispose() => this.Meter.Dispose();

    private void Record(string endpointId, IReadOnlyList<EndedSession> sessions)
    {
        foreach (var posture in sessions.Select(session => session.Posture).Distinct(StringComparer.Ordinal))
        {
            // The same key MeasurementCollector makes from the label values, in the family's label order.
            if (!this.guard.Admit(endpointId + '\u001f' + posture + '\u001f'))
            {
                continue;
            }

            var endpointTag = new KeyValuePair<string, object?>(FamilyCatalog.EndpointId, endpointId);
            var postureTag = new KeyValuePair<string, object?>(PostureLabel, posture);
            foreach (var session in sessions)
            {
                if (session.Posture == posture)
                {
                    this.durations.Record(session.Duration.TotalSeconds, endpointTag, postureTag);
                }
            }
        }
    }
}
