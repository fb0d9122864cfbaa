using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Shows an endpoint down while a poll still runs, as soon as its read is known to be failing, instead of when the
/// whole poll ends. It republishes the snapshot scrapes already see with only that endpoint's <c>Up</c> turned off:
/// every reading in it is still the last complete one, so nothing of a partial pagination is published, and the
/// snapshot stays consistent. Once the poll closes it, the poll's own snapshot is the next one published. Every
/// poll publishes through it, so it knows what scrapes see.
/// </summary>
internal sealed class EarlyDownPublisher(IFleetPublisher publisher)
{
    private readonly Lock sync = new();
    private FleetView published = FleetView.Empty;
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
            this.published = view;
            publisher.Publish(view);
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
}
