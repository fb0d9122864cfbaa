using System.Collections.Concurrent;
using System.Diagnostics;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Health;
using ClientVpnExporter.Persistence;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Polling;

/// <summary>
/// One poll of the whole fleet: discover each target's endpoints and read each endpoint's connections into its ledger
/// (targets concurrently, and each target's endpoints concurrently, up to bounds), drop the endpoints taken as gone,
/// hand the rest to the health loop, publish. An endpoint's reading is replaced only when
/// all its pages arrived; one that fails keeps serving its last reading and is marked down. Polls never overlap.
/// </summary>
internal sealed class FleetPoller(
    IAwsTargets targets,
    AccountIdentity identity,
    DiscoveryTracker discovery,
    PollPlan plan,
    EndpointReader reader,
    PermissionChecker permissions,
    EarlyDownPublisher publisher,
    HealthSubjects healthSubjects,
    StateFile? stateFile,
    PollMetrics metrics,
    PollHistory history,
    AwsApiMetrics apiMetrics,
    ParseMetrics parseMetrics,
    TimeProvider timeProvider,
    IOptions<ExporterOptions> options,
    ILogger<FleetPoller> logger) : IDisposable
{
    /// <summary>
    /// How many successful discoveries in a row must not list an endpoint (or list it as <c>deleted</c>) before its
    /// series are removed (<see cref="EndpointHealth.IsGone"/>). The state file's record holds the number, as it checks saved absences against it.
    /// </summary>
    public const int DiscoveriesMissedBeforeRemoved = EndpointRecord.DiscoveriesMissedBeforeRemoved;

    private readonly SemaphoreSlim pollGate = new(1, 1);
    private int completedPolls;

    /// <summary>How many polls have completed; readiness waits for the first.</summary>
    public int CompletedPolls => Volatile.Read(ref this.completedPolls);

    /// <summary>Polls every target and endpoint once and publishes the result. Waits for a running poll first.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        await this.pollGate.WaitAsync(cancellationToken);
        try
        {
            await this.PollOnceAsync(cancellationToken);
        }
        finally
        {
            this.pollGate.Release();
        }
    }

    public void Dispose() => this.pollGate.Dispose();

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var overrun = PollOverrunReport.Start(apiMetrics);
        publisher.Open();
        plan.BeginPoll();
        await targets.WaitKnownAsync(cancellationToken);
        var polled = targets.Targets;
        if (targets.Discovered)
        {
            // An account that left the organisation, or a region no longer enabled, takes its endpoints' series with it.
            discovery.Retain(polled);
            plan.Retain(polled);
        }

        await identity.LearnAsync(polled, cancellationToken);
        var permissionCheckDue = permissions.TakeDue();
        var reads = new ConcurrentQueue<PollPlan.Read>();

        // Each target is discovered and read by a task of its own, through its own budget: a slow or failing target
        // takes one of the slots, never the others' turn.
        await Parallel.ForEachAsync(
            polled,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentTargets, CancellationToken = cancellationToken },
            async (target, token) =>
            {
                foreach (var read in await this.PollTargetAsync(target, permissionCheckDue, token))
                {
                    reads.Enqueue(read);
                }
            });

        // Every read of a poll used the counting start known when it began, so which read finished first does not matter.
        plan.CountingStart.Settle();

        plan.RemoveGone();
        healthSubjects.Update([.. reads.Where(r => !r.Endpoint.Health.IsGone).Select(r => new HealthSubject(r.Target, r.Endpoint.Description))]);
        var now = timeProvider.GetUtcNow();
        publisher.Close(new FleetView(plan.ViewsAt(now), this.completedPolls + 1, now));
        Interlocked.Increment(ref this.completedPolls);
        stateFile?.Write(plan.ToDocument());

        var failureCodes = reads.Select(r => r.Endpoint.Health).Where(h => !h.Up).Select(h => h.FailureCode!).ToList();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > options.Value.PollInterval)
        {
            metrics.Overrun();
            overrun.Log(logger, elapsed, options.Value.PollInterval, [.. failureCodes, .. discovery.FailureCodes]);
        }

        var outcome = failureCodes.Count == 0 && discovery.FailureCodes.Count == 0 ? "success" : failureCodes.Count == reads.Count ? "failure" : "partial";
        metrics.Completed(elapsed, outcome);
        history.Add(new PollRecord(now, elapsed, outcome, reads.Count - failureCodes.Count, [.. failureCodes.Concat(discovery.FailureCodes).Distinct(StringComparer.Ordinal)]));
    }

    /// <summary>
    /// Discovers one target (checking its permissions too when a check is due) and reads its endpoints, up to
    /// <see cref="ExporterOptions.MaxConcurrentEndpoints"/> at a time.
    /// </summary>
    private async Task<IReadOnlyList<PollPlan.Read>> PollTargetAsync(AwsTarget target, bool permissionCheckDue, CancellationToken cancellationToken)
    {
        var discovered = await discovery.DiscoverAsync(target, cancellationToken);
        if (permissionCheckDue)
        {
            await permissions.CheckAsync(target, discovered.Found.Count > 0 ? discovered.Found[0].EndpointId : null, cancellationToken);
        }

        var reads = plan.Build(discovered);
        await Parallel.ForEachAsync(
            reads,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentEndpoints, CancellationToken = cancellationToken },
            this.ReadAsync);
        return reads;
    }

    /// <summary>
    /// Reads one endpoint and applies the listing to its ledger as soon as it is complete, so the fleet's connections
    /// are never all held at once. Each endpoint is read once per poll, so no other read touches its ledger.
    /// </summary>
    private async ValueTask ReadAsync(PollPlan.Read read, CancellationToken cancellationToken)
    {
        var (target, endpoint) = read;
        ConnectionListing listing;
        using var watch = new EndpointReadWatch(endpoint.Description.EndpointId, publisher, timeProvider);
        try
        {
            using var observing = watch.Observe();
            listing = await reader.ReadAsync(target, endpoint.Description.EndpointId, endpoint.Ledger.TrackedId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            watch.GaveUp();
            endpoint.Health.Failed(ex);
            return;
        }

        var now = timeProvider.GetUtcNow();
        endpoint.Reading = endpoint.Ledger.Apply(listing, now);
        parseMetrics.Count(endpoint.Reading.ParseErrors);
        endpoint.Health.Succeeded(now, endpoint.Reading.ParseErrors);
    }
}
