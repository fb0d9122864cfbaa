using System.Diagnostics;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Persistence;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Polling;

/// <summary>
/// One poll of the whole fleet: discovery in each region, then every page of every endpoint's connections,
/// endpoints read concurrently up to a bound. An endpoint's new reading replaces the old only when all its
/// pages arrived; an endpoint that fails keeps serving its last reading and is marked down. Polls never
/// overlap. Each completed poll is published to <see cref="FleetPublisher"/> as one view.
/// </summary>
internal sealed partial class FleetPoller : IDisposable
{
    /// <summary>
    /// How many successful discoveries in a row must not list an endpoint (or list it as <c>deleted</c>) before its
    /// series are removed. One answer is never proof an endpoint is gone: until then it is read, and down if it fails.
    /// The number is held by the state file's record, which sits below polling and checks saved absences against it.
    /// </summary>
    public const int DiscoveriesMissedBeforeRemoved = EndpointRecord.DiscoveriesMissedBeforeRemoved;

    private const string DeletedStatus = "deleted";

    private readonly SemaphoreSlim pollGate = new(1, 1);
    private readonly IEc2ClientSource clients;
    private readonly FleetPublisher metrics;
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
    private readonly StateFile? stateFile;
    private int completedPolls;

    /// <summary>The API time from which this exporter counts, shared by every ledger (see <see cref="CountingStart"/>).</summary>
    private CountingStart countingStart = new();

    public FleetPoller(
        IEc2ClientSource clients,
        FleetPublisher metrics,
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
        if (this.options.StateFile is { Length: > 0 } path)
        {
            this.stateFile = new StateFile(path, selfMetrics, logger);
            this.Restore(this.stateFile.Read());
        }
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
        var work = new List<(AwsTarget Target, EndpointDescription Endpoint, bool Baseline)>();
        var permissionCheckDue = this.permissions.TakeDue();
        // An endpoint id found by two targets (two roles into one account) is the same endpoint: read it once.
        var scheduled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in this.clients.Targets)
        {
            var accountId = await this.clients.AccountIdAsync(target, cancellationToken);
            var key = TargetKey(target.Account, target.Region);
            var first = !this.discoveredByTarget.ContainsKey(key);
            var found = await this.DiscoverAsync(target, accountId, cancellationToken);
            if (!this.discoveryFailures.ContainsKey(key))
            {
                this.CountAbsences(key, found);
            }

            // What the first discovery of a target finds was there before the exporter: its first reading is a baseline.
            var baseline = first && this.discoveredByTarget.ContainsKey(key);
            foreach (var endpoint in found)
            {
                var known = this.endpoints.ContainsKey(endpoint.EndpointId);
                if ((known || endpoint.Status != DeletedStatus) && scheduled.Add(endpoint.EndpointId))
                {
                    work.Add((target, endpoint, baseline && !known));
                }
            }

            // An endpoint discovery did not list is read until it has been missing long enough to be taken as gone.
            foreach (var (id, state) in this.endpoints)
            {
                if (state.TargetKey == key && state.Absences < DiscoveriesMissedBeforeRemoved && scheduled.Add(id))
                {
                    work.Add((target, state.Snapshot.Endpoint, false));
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
            : new EndpointLedger(this.options.UserRetention, this.detail, this.countingStart, w.Baseline));

        var results = new EndpointPollResult[work.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = this.options.MaxConcurrentEndpoints, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await this.ReadEndpointAsync(work[i].Target, work[i].Endpoint, ledgers[i], ct));

        // Every read of a poll used the counting start known when it began, so which read finished first does not matter.
        this.countingStart.Settle();

        var now = this.timeProvider.GetUtcNow();
        for (var i = 0; i < results.Length; i++)
        {
            this.Apply(results[i], work[i].Target.Account, now);
        }

        foreach (var gone in this.endpoints.Where(e => e.Value.Absences >= DiscoveriesMissedBeforeRemoved).Select(e => e.Key).ToList())
        {
            this.endpoints.Remove(gone);
            this.LogEndpointRemoved(gone, DiscoveriesMissedBeforeRemoved);
        }

        this.earlyDown.Close();
        this.metrics.Publish(new FleetView(
            [.. this.endpoints.Values.OrderBy(e => e.Snapshot.Endpoint.EndpointId, StringComparer.Ordinal).Select(e => e.Snapshot)],
            this.completedPolls + 1,
            now));
        Interlocked.Increment(ref this.completedPolls);
        this.stateFile?.Write(this.SaveState());

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
        var key = TargetKey(target.Account, target.Region);
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
        return new EndpointPollResult(endpoint, ledger, ledger.Apply(listing, this.timeProvider.GetUtcNow()), null);
    }

    private static string TargetKey(string account, string region) => account + "|" + region;

    /// <summary>
    /// Applies one endpoint's result. A failure, <c>InvalidClientVpnEndpointId.NotFound</c> included, only marks the
    /// endpoint down: an endpoint goes only when discovery has stopped listing it (<see cref="CountAbsences"/>).
    /// </summary>
    private void Apply(EndpointPollResult result, string account, DateTimeOffset now)
    {
        var id = result.Endpoint.EndpointId;
        if (!this.endpoints.TryGetValue(id, out var state))
        {
            state = new EndpointState(result.Ledger, new EndpointView { Endpoint = result.Endpoint, Up = false }, account);
            this.endpoints.Add(id, state);
        }

        if (result.Reading is { } reading)
        {
            this.ReportParseErrors(state, id, reading.ParseErrors);
            if (state.FailureCode is not null)
            {
                this.LogEndpointRecovered(id);
                state.FailureCode = null;
            }

            state.Snapshot = new EndpointView { Endpoint = result.Endpoint, Up = true, LastSuccess = now, Reading = reading };
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
    }

    /// <summary>Counts, for each endpoint of the target, the successful discoveries in a row that did not list it.</summary>
    private void CountAbsences(string targetKey, IReadOnlyList<EndpointDescription> found)
    {
        var listed = found.Where(e => e.Status != DeletedStatus).Select(e => e.EndpointId).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, state) in this.endpoints)
        {
            if (state.TargetKey == targetKey)
            {
                state.Absences = listed.Contains(id) ? 0 : state.Absences + 1;
            }
        }
    }

    /// <summary>Takes in the state file's endpoints whose target is still configured; they are read as known endpoints.</summary>
    private void Restore(StateDocument? document)
    {
        this.countingStart = new CountingStart(document?.CountingStart);
        var targets = this.clients.Targets.Select(t => TargetKey(t.Account, t.Region)).ToHashSet(StringComparer.Ordinal);
        foreach (var record in document?.Endpoints ?? [])
        {
            if (targets.Contains(TargetKey(record.Account, record.Description!.Region)))
            {
                var ledger = EndpointLedger.FromRecord(record.Ledger, this.options.UserRetention, this.detail, this.countingStart);
                var snapshot = new EndpointView { Endpoint = record.Description, Up = false, Stale = true, Reading = ledger.TotalsOnly() };
                this.endpoints[record.Description.EndpointId] = new EndpointState(ledger, snapshot, record.Account) { Absences = record.Absences };
            }
        }
    }

    private StateDocument SaveState() => new()
    {
        Version = StateDocument.CurrentVersion,
        CountingStart = this.countingStart.Value,
        Endpoints = [.. this.endpoints.Values.Select(e => new EndpointRecord
        {
            Account = e.Account,
            Description = e.Snapshot.Endpoint,
            Absences = e.Absences,
            Ledger = e.Ledger.ToRecord(),
        })],
    };

    private void ReportParseErrors(EndpointState state, string endpointId, IReadOnlyList<ParseError> errors)
    {
        var fieldsInError = new HashSet<ConnectionField>();
        foreach (var error in errors)
        {
            this.selfMetrics.ParseError(ConnectionFieldNames.Of(error.Field));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {EndpointId} is gone (deleted or no longer matched: not listed by {Discoveries} discoveries in a row); its series are removed.")]
    private partial void LogEndpointRemoved(LogText endpointId, int discoveries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connections of {EndpointId} have a malformed {Field} (e.g. '{Value}'); that field keeps its last good value and the rest of each connection still counts. Counted in clientvpn_exporter_parse_errors_total.")]
    private partial void LogParseError(LogText endpointId, string field, LogText value);

    private sealed record EndpointPollResult(EndpointDescription Endpoint, EndpointLedger Ledger, EndpointReading? Reading, Exception? Failure);

    private sealed class EndpointState(EndpointLedger ledger, EndpointView snapshot, string account)
    {
        public EndpointLedger Ledger { get; } = ledger;

        /// <summary>The account key of the target that reads it (<see cref="AwsTarget.Account"/>).</summary>
        public string Account { get; } = account;

        /// <summary>The account and region whose discovery decides whether the endpoint still exists.</summary>
        public string TargetKey { get; } = FleetPoller.TargetKey(account, snapshot.Endpoint.Region);

        /// <summary>How many successful discoveries in a row have not listed it.</summary>
        public int Absences { get; set; }

        public EndpointView Snapshot { get; set; } = snapshot;

        public string? FailureCode { get; set; }

        public HashSet<ConnectionField> FieldsInError { get; } = [];
    }
}
