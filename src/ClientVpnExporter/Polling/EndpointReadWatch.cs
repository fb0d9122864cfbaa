using ClientVpnExporter.Aws;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Watches the HTTP attempts of one endpoint's read. When they have kept failing for <see cref="DownAfter"/> with no
/// success in between, the SDK is still retrying but the endpoint cannot be read now: it is shown down at once
/// (<see cref="EarlyDownPublisher"/>), not when the poll ends. A read that gives up is shown down at once too.
/// </summary>
/// <remarks>
/// A single failed attempt is not enough: a throttled call that the next attempt gets through is routine, and showing
/// the endpoint down for it would make <c>clientvpn_endpoint_up</c> flicker under ordinary throttling.
/// </remarks>
internal sealed class EndpointReadWatch : AttemptObserver, IDisposable
{
    /// <summary>How long an endpoint's attempts must keep failing before it is shown down while retries go on.</summary>
    public static readonly TimeSpan DownAfter = TimeSpan.FromSeconds(5);

    private readonly Lock sync = new();
    private readonly string endpointId;
    private readonly EarlyDownPublisher publisher;
    private readonly TimeProvider timeProvider;
    private ITimer? failing;
    private int generation;
    private bool disposed;

    public EndpointReadWatch(string endpointId, EarlyDownPublisher publisher, TimeProvider timeProvider)
    {
        this.endpointId = endpointId;
        this.publisher = publisher;
        this.timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public override void AttemptFailed()
    {
        lock (this.sync)
        {
            if (!this.disposed && this.failing is null)
            {
                var started = ++this.generation;
                this.failing = this.timeProvider.CreateTimer(_ => this.Elapsed(started), null, DownAfter, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <inheritdoc/>
    public override void AttemptSucceeded()
    {
        lock (this.sync)
        {
            this.failing?.Dispose();
            this.failing = null;
            this.generation++;
        }
    }

    /// <summary>The read gave up after its retries: it failed, whatever its attempts said.</summary>
    public void GaveUp() => this.publisher.MarkDown(this.endpointId);

    public void Dispose()
    {
        lock (this.sync)
        {
            this.disposed = true;
            this.failing?.Dispose();
            this.failing = null;
        }
    }

    private void Elapsed(int started)
    {
        // A timer that had already fired when a success disposed it still runs its callback: only the timer of the
        // current run of failures may mark the endpoint down, and it decides under the same lock as a success.
        lock (this.sync)
        {
            if (!this.disposed && started == this.generation)
            {
                this.publisher.MarkDown(this.endpointId);
            }
        }
    }
}
