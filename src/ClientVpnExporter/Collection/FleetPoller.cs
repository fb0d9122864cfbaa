using System.Diagnostics;
using Amazon.EC2;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Logging;
using ClientVpnExporter.Metrics;
using ClientVpnExporter.Parsing;
using ClientVpnExporter.State;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Collection;

/// <summary>
/// One poll of the whole fleet: discovery in each region, then every page of every endpoint's connections,
/// endpoints read concurrently up to a bound. An endpoint's new reading replaces the old only when all its
/// pages arrived; an endpoint that fails keeps serving its last reading and is marked down. Polls never
/// overlap. Each completed poll is published to <see cref="ClientVpnMetrics"/> as one snapshot.
/// </summary>
internal sealed partial class FleetPoller : IDisposable
{
    private readonly SemaphoreSlim pollGate = new(1, 1);
    private readonly IEc2ClientSource clients;
    private readonly ClientVpnMetrics metrics;
    private readonly ExporterSelfMetrics selfMetrics;
    private readonly ExporterOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<FleetPoller> logger;
    private readonly EndpointDiscovery discovery;
    private readonly EndpointConnectionReader reader;
    private readonly Dictionary<string, EndpointState> endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<EndpointDescription>> discoveredByTarget = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> discoveryFailures = new(StringComparer.Ordinal);
    private readonly ReadingDetail detail;
    private readonly PermissionChecker permissions;
    private readonly EarlyDownPublisher earlyDown;
    private int completedPolls;

    public FleetPoller(
        IEc2ClientSource clients,
        ClientVpnMetrics metrics,
        ExporterSelfMetrics selfMetrics,
        IOptions<ExporterOptions> options,
        TimeProvider timeProvider,
        ILogger<FleetPoller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clients = clients;
        this.metrics = metrics;
        this.selfMetrics = selfMetrics;
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.discovery = new EndpointDiscovery(this.options, selfMetrics);
        this.reader = new EndpointConnectionReader(this.options, selfMetrics);
        this.permissions = new PermissionChecker(this.options, selfMetrics, timeProvider, logger);
        this.earlyDown = new EarlyDownPublisher(metrics);
        selfMetrics.ObservePermissions(() => this.permissions.States);
        this.detail = (this.options.PerUserMetrics ? ReadingDetail.Users : ReadingDetail.None)
            | (this.options.PerConnectionMetrics ? ReadingDetail.Connections : ReadingDetail.None);
    }

    /// <summary>How many polls have completed; readiness waits for the first.</summary>
    public int CompletedPolls => Volatile.Read(ref this.completedPolls);

    /// <summary>Polls every region and endpoint once and publishes the result. Waits for a running poll first.</summary>
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
        var overrun = PollOverrunReport.Start(this.selfMetrics);
        this.earlyDown.Open();
        var work = new List<(AwsTarget Target, EndpointDescription Endpoint)>();
        var permissionCheckDue = this.permissions.TakeDue();
        // An endpoint id found by two targets (two roles into one account) is the same endpoint: read it once.
        var scheduled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in this.clients.Targets)
        {
            var accountId = await this.clients.AccountIdAsync(target, cancellationToken);
            var found = await this.DiscoverAsync(target, accountId, cancellationToken);
            foreach (var endpoint in found)
            {
                if (scheduled.Add(endpoint.EndpointId))
                {
                    work.Add((target, endpoint));
                }
            }

            if (permissionCheckDue)
            {
                await this.permissions.CheckAsync(target, accountId, found.Count > 0 ? found[0].EndpointId : null, cancellationToken);
            }
        }

        // Each listing goes into its endpoint's ledger as soon as it is complete, so the fleet's connections are
        // never all held at once; the ledgers are found here because the endpoint table only changes below.
        var ledgers = work.ConvertAll(w => this.endpoints.TryGetValue(w.Endpoint.EndpointId, out var known)
            ? known.Ledger
            : new EndpointLedger(this.options.UserRetention));

        var results = new EndpointPollResult[work.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = this.options.MaxConcurrentEndpoints, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await this.ReadEndpointAsync(work[i].Target, work[i].Endpoint, ledgers[i], ct));

        var now = this.timeProvider.GetUtcNow();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (this.Apply(result, now))
            {
                keep.Add(result.Endpoint.EndpointId);
            }
        }

        foreach (var gone in this.endpoints.Keys.Where(id => !keep.Contains(id)).ToList())
        {
            this.endpoints.Remove(gone);
            this.LogEndpointRemoved(gone);
        }

        this.earlyDown.Close();
        this.metrics.Publish(new FleetSnapshot(
            [.. this.endpoints.Values.OrderBy(e => e.Snapshot.Endpoint.EndpointId, StringComparer.Ordinal).Select(e => e.Snapshot)],
            now));
        Interlocked.Increment(ref this.completedPolls);

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > this.options.PollInterval)
        {
            this.selfMetrics.PollOverrun();
            overrun.Log(this.logger, elapsed, this.options.PollInterval, [.. results.Where(r => r.Failure is not null).Select(r => ApiOutcome.Of(r.Failure!)), .. this.discoveryFailures.Values]);
        }

        var failed = results.Count(r => r.Failure is not null);
        var outcome = failed == 0 && this.discoveryFailures.Count == 0 ? "success" : failed == results.Length ? "failure" : "partial";
        this.selfMetrics.PollCompleted(elapsed, outcome);
    }

    private async Task<IReadOnlyList<EndpointDescription>> DiscoverAsync(AwsTarget target, string accountId, CancellationToken cancellationToken)
    {
        var key = target.Account + "|" + target.Region;
        try
        {
            var found = await this.discovery.DiscoverAsync(target.Client, target.Region, accountId, cancellationToken);
            this.discoveredByTarget[key] = found;
            if (this.discoveryFailures.Remove(key))
            {
                this.LogDiscoveryRecovered(target.Region, accountId);
            }

            return found;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Discovery failing says nothing about the endpoints themselves: keep reading the ones already known.
            var code = ApiOutcome.Of(ex);
            if (!this.discoveryFailures.TryGetValue(key, out var previous) || previous != code)
            {
                this.LogDiscoveryFailed(target.Region, accountId, code, ex.Message);
            }

            this.discoveryFailures[key] = code;
            return this.discoveredByTarget.GetValueOrDefault(key, []);
        }
    }

    private async Task<EndpointPollResult> ReadEndpointAsync(
        AwsTarget target, EndpointDescription endpoint, EndpointLedger ledger, CancellationToken cancellationToken)
    {
        ConnectionListing listing;
        using var watch = new EndpointReadWatch(endpoint.EndpointId, this.earlyDown, this.timeProvider);
        try
        {
            using var observing = watch.Observe();
            listing = await this.reader.ReadAsync(
                target.Client, target.Region, endpoint.AccountId, endpoint.EndpointId, ledger.TrackedId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            watch.GaveUp();
            return new EndpointPollResult(endpoint, ledger, null, ex);
        }

        // Each endpoint is read once per poll, so no other reader touches this ledger.
        var ended = new List<EndedSession>();
        var staged = ledger.Stage(listing.Connections, this.detail, ended);
        return new EndpointPollResult(endpoint, ledger, new StagedRead(staged, listing.Errors, ended), null);
    }

    /// <returns>False when the endpoint no longer exists and its series must go.</returns>
    private bool Apply(EndpointPollResult result, DateTimeOffset now)
    {
        var id = result.Endpoint.EndpointId;
        if (result.Failure is AmazonEC2Exception { ErrorCode: "InvalidClientVpnEndpointId.NotFound" })
        {
            // Deleted between discovery and its poll.
            return false;
        }

        if (!this.endpoints.TryGetValue(id, out var state))
        {
            state = new EndpointState(result.Ledger, new EndpointSnapshot { Endpoint = result.Endpoint, Up = false });
            this.endpoints.Add(id, state);
        }

        if (result.Read is { } read)
        {
            this.ReportParseErrors(state, id, read.Errors);
            var reading = result.Ledger.Complete(read.Staged, now);
            this.metrics.RecordEndedSessions(id, read.Ended);
            if (state.FailureCode is not null)
            {
                this.LogEndpointRecovered(id);
                state.FailureCode = null;
            }

            state.Snapshot = new EndpointSnapshot { Endpoint = result.Endpoint, Up = true, LastSuccess = now, Reading = reading };
        }
        else
        {
            var code = ApiOutcome.Of(result.Failure!);
            if (state.FailureCode != code)
            {
                this.LogEndpointFailed(id, code, result.Failure!.Message);
                state.FailureCode = code;
            }

            var stale = state.Snapshot.LastSuccess is not { } lastSuccess || now - lastSuccess > this.options.EffectiveStaleAfter;
            state.Snapshot = state.Snapshot with { Endpoint = result.Endpoint, Up = false, Stale = stale };
        }

        return true;
    }

    private void ReportParseErrors(EndpointState state, string endpointId, IReadOnlyList<ParseError> errors)
    {
        var fieldsInError = new HashSet<ConnectionField>();
        foreach (var error in errors)
        {
            this.selfMetrics.ParseError(error.Field);
            if (fieldsInError.Add(error.Field) && state.FieldsInError.Add(error.Field))
            {
                this.LogParseError(endpointId, ConnectionFieldNames.Of(error.Field), error.Value);
            }
        }

        // A field logs again only after a poll in which it parsed everywhere.
        state.FieldsInError.IntersectWith(fieldsInError);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery of Client VPN endpoints in {Region} of account {AccountId} failed ({ErrorCode}): {Reason}. Reading the endpoints found before.")]
    private partial void LogDiscoveryFailed(string region, LogText accountId, LogText errorCode, LogText reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery of Client VPN endpoints in {Region} of account {AccountId} works again.")]
    private partial void LogDiscoveryRecovered(string region, LogText accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading connections of {EndpointId} failed ({ErrorCode}): {Reason}. Serving its last complete reading, marked down.")]
    private partial void LogEndpointFailed(LogText endpointId, LogText errorCode, LogText reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading connections of {EndpointId} works again.")]
    private partial void LogEndpointRecovered(LogText endpointId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {EndpointId} is gone (deleted or no longer matched); its series are removed.")]
    private partial void LogEndpointRemoved(LogText endpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connections of {EndpointId} have a malformed {Field} (e.g. '{Value}'); that field keeps its last good value and the rest of each connection still counts. Counted in clientvpn_exporter_parse_errors_total.")]
    private partial void LogParseError(LogText endpointId, string field, LogText value);

    private sealed record EndpointPollResult(EndpointDescription Endpoint, EndpointLedger Ledger, StagedRead? Read, Exception? Failure);

    private sealed record StagedRead(EndpointLedger.StagedListing Staged, IReadOnlyList<ParseError> Errors, List<EndedSession> Ended);

    private sealed class EndpointState(EndpointLedger ledger, EndpointSnapshot snapshot)
    {
        public EndpointLedger Ledger { get; } = ledger;

        public EndpointSnapshot Snapshot { get; set; } = snapshot;

        public string? FailureCode { get; set; }

        public HashSet<ConnectionField> FieldsInError { get; } = [];
    }
}
