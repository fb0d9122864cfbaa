using ClientVpnExporter.Attempts;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Health;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Shows an endpoint down while a poll still runs, as soon as its read is known to be failing, instead of when the
/// whole poll ends. It republishes the snapshot scrapes already see with only that endpoint's <c>Up</c> turned off:
/// every reading in it is still the last complete one, so nothing of a partial pagination is published, and the
/// snapshot stays consistent. Once the poll closes it, the poll's own snapshot is the next one published. Every
/// poll publishes through it, so it knows what scrapes see. The health loop publishes through it too: each view it
/// publishes carries the latest health readings (<see cref="EndpointView.Health"/>), and new readings are published at
/// once in the view scrapes already see, without waiting for the next poll. So does the attempts loop, with its
/// readings of the connection logs (<see cref="EndpointView.Attempts"/>).
/// </summary>
internal sealed class EarlyDownPublisher(IFleetPublisher publisher) : IHealthPublisher, IAttemptsPublisher
{
    private readonly Lock sync = new();
    private FleetView published = FleetView.Empty;
    private IReadOnlyDictionary<string, HealthReading> health = new Dictionary<string, HealthReading>();
    private IReadOnlyDictionary<string, AttemptReading> attempts = new Dictionary<string, AttemptReading>();
    private bool open;

    /// <summary>A poll starts: failures of its reads may be published from now on.</summary>
    public void Open()
    {
        lock (this.sync)
        {
            this.open = true;
        }
    }

    /// <summary>
    /// Publishes the poll's own snapshot: no early update may follow it. Waits for any early update in progress, so
    /// none can overwrite the poll's snapshot.
    /// </summary>
    public void Close(FleetView view)
    {
        lock (this.sync)
        {
            this.open = false;
            this.published = this.WithReadings(view);
            publisher.Publish(this.published);
        }
    }

    /// <summary>Shows <paramref name="endpointId"/> down in the published snapshot, if it is shown up there.</summary>
    public void MarkDown(string endpointId)
    {
        lock (this.sync)
        {
            if (!this.open)
            {
                return;
            }

            var published = this.published;
            var index = -1;
            for (var i = 0; i < published.Endpoints.Count; i++)
            {
                if (string.Equals(published.Endpoints[i].Endpoint.EndpointId, endpointId, StringComparison.Ordinal))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0 || !published.Endpoints[index].Up)
            {
                return;
            }

            var endpoints = published.Endpoints.ToArray();
            endpoints[index] = endpoints[index] with { Up = false };
            this.published = published with { Endpoints = endpoints };
            publisher.Publish(this.published);
        }
    }

    /// <summary>Publishes the snapshot scrapes see with <paramref name="readings"/> as each endpoint's health, and keeps them for the polls' snapshots.</summary>
    public void Publish(IReadOnlyDictionary<string, HealthReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        lock (this.sync)
        {
            this.health = readings;
            this.published = this.WithReadings(this.published);
            publisher.Publish(this.published);
        }
    }

    /// <summary>Publishes the snapshot scrapes see with <paramref name="readings"/> as each endpoint's attempts, and keeps them for the polls' snapshots.</summary>
    public void Publish(IReadOnlyDictionary<string, AttemptReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        lock (this.sync)
        {
            this.attempts = readings;
            this.published = this.WithReadings(this.published);
            publisher.Publish(this.published);
        }
    }

    private FleetView WithReadings(FleetView view) =>
        view with
        {
            Endpoints = [.. view.Endpoints.Select(e => e with
            {
                Health = this.health.GetValueOrDefault(e.Endpoint.EndpointId),
                Attempts = this.attempts.GetValueOrDefault(e.Endpoint.EndpointId),
            })],
        };
}
