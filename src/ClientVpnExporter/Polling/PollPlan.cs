using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Persistence;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Polling;

/// <summary>
/// The endpoints the poll follows, and which of them each poll reads: every endpoint discovery found, read once even
/// when two targets (two roles into one account) find it; every endpoint discovery missed but not long enough to be
/// taken as gone; and, of the first successful discovery of a target, each new endpoint's first read as a baseline,
/// since what it finds was there before the exporter. Starts from the state file's endpoints, if there is one.
/// </summary>
internal sealed partial class PollPlan
{
    private readonly ExporterOptions options;
    private readonly Dictionary<string, TrackedEndpoint> endpoints = new(StringComparer.Ordinal);
    private readonly HashSet<string> scheduled = new(StringComparer.Ordinal);
    private readonly Lock sync = new();
    private readonly ILogger<PollPlan> logger;
    private readonly ILogger<EndpointHealth> healthLogger;

    public PollPlan(IOptions<ExporterOptions> options, IAwsTargets targets, StateFile? stateFile, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.options = options.Value;
        this.logger = loggerFactory.CreateLogger<PollPlan>();
        this.healthLogger = loggerFactory.CreateLogger<EndpointHealth>();
        this.Detail = (this.options.PerUserMetrics ? ReadingDetail.Users : ReadingDetail.None)
            | (this.options.PerConnectionMetrics ? ReadingDetail.Connections : ReadingDetail.None);
        var document = stateFile?.Read();
        this.CountingStart = new CountingStart(document?.CountingStart);
        this.Restore(document, targets.Discovered ? null : targets.Targets);
    }

    /// <summary>What the ledgers' readings hold besides the endpoint totals.</summary>
    public ReadingDetail Detail { get; }

    /// <summary>The API time from which this exporter counts, shared by every ledger; the poll settles it after its reads.</summary>
    public CountingStart CountingStart { get; }

    /// <summary>Starts a poll: nothing is scheduled yet. Targets are then built (<see cref="Build"/>) as their discoveries answer.</summary>
    public void BeginPoll()
    {
        lock (this.sync)
        {
            this.scheduled.Clear();
        }
    }

    /// <summary>
    /// The endpoints to read through <paramref name="discovered"/>'s target this poll. Targets are discovered at the same
    /// time, so each is built as soon as its discovery answers; an endpoint two targets find is read through the first
    /// to be built.
    /// </summary>
    public IReadOnlyList<Read> Build(TargetDiscovery discovered)
    {
        ArgumentNullException.ThrowIfNull(discovered);
        lock (this.sync)
        {
            DiscoveryTracker.CountMissed(discovered, this.endpoints.Values);
            var reads = new List<Read>();
            var known = this.endpoints.Values.Where(e => e.TargetKey == discovered.Target.Key).ToList();
            foreach (var endpoint in discovered.Found)
            {
                var isKnown = this.endpoints.TryGetValue(endpoint.EndpointId, out var tracked);
                if ((isKnown || endpoint.Status != DiscoveryTracker.DeletedStatus) && this.scheduled.Add(endpoint.EndpointId))
                {
                    if (isKnown)
                    {
                        tracked!.Description = endpoint;
                    }
                    else
                    {
                        tracked = this.Track(discovered.Target.AccountKey, endpoint, new EndpointLedger(this.options.UserRetention, this.Detail, this.CountingStart, discovered.IsFirstAnswer));
                    }

                    reads.Add(new Read(discovered.Target, tracked));
                }
            }

            // An endpoint discovery did not list is read until it has been missing long enough to be taken as gone.
            reads.AddRange(known.Where(e => !e.Health.IsGone && this.scheduled.Add(e.Description.EndpointId)).Select(e => new Read(discovered.Target, e)));
            return reads;
        }
    }

    /// <summary>Stops following the endpoints taken as gone.</summary>
    public void RemoveGone()
    {
        foreach (var gone in this.endpoints.Values.Where(e => e.Health.IsGone).ToList())
        {
            this.endpoints.Remove(gone.Description.EndpointId);
            LogEndpointRemoved(this.logger, gone.Description.EndpointId, EndpointRecord.DiscoveriesMissedBeforeRemoved);
        }
    }

    /// <summary>Every followed endpoint as scrapes see it at <paramref name="now"/>, in endpoint id order.</summary>
    public IReadOnlyList<EndpointView> ViewsAt(DateTimeOffset now) =>
        [.. this.endpoints.Values.OrderBy(e => e.Description.EndpointId, StringComparer.Ordinal).Select(e => e.ViewAt(now, this.options.EffectiveStaleAfter))];

    /// <summary>
    /// Stops following the endpoints whose target is not among <paramref name="targets"/> (an account that left the
    /// organisation or was suspended, a region no longer enabled): their series go with the next publication.
    /// </summary>
    public void Retain(IReadOnlyList<AwsTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var current = targets.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        lock (this.sync)
        {
            foreach (var gone in this.endpoints.Values.Where(e => !current.Contains(e.TargetKey)).ToList())
            {
                this.endpoints.Remove(gone.Description.EndpointId);
                LogTargetGone(this.logger, gone.Description.EndpointId, gone.Description.AccountId, gone.Description.Region);
            }
        }
    }

    /// <summary>
    /// Takes in the state file's endpoints whose target is still configured (any, when the targets are discovered: the
    /// first poll drops those whose target is not found); they are read as known endpoints.
    /// </summary>
    private void Restore(StateDocument? document, IReadOnlyList<AwsTarget>? targets)
    {
        var configured = targets?.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var record in document?.Endpoints ?? [])
        {
            if (configured is null || configured.Contains(AwsTarget.KeyOf(record.Account, record.Description!.Region)))
            {
                var tracked = this.Track(record.Account, record.Description!, EndpointLedger.FromRecord(record.Ledger, this.options.UserRetention, this.Detail, this.CountingStart));
                tracked.Health.Restore(record.Absences);
                tracked.Reading = tracked.Ledger.TotalsOnly();
            }
        }
    }

    /// <summary>What the state file needs for a later process to continue from here.</summary>
    public StateDocument ToDocument() => new()
    {
        Version = StateDocument.CurrentVersion,
        CountingStart = this.CountingStart.Value,
        Endpoints = [.. this.endpoints.Values.Select(e => new EndpointRecord
        {
            Account = e.AccountKey,
            Description = e.Description,
            Absences = e.Health.MissedDiscoveries,
            Ledger = e.Ledger.ToRecord(),
        })],
    };

    private TrackedEndpoint Track(string accountKey, EndpointDescription endpoint, EndpointLedger ledger)
    {
        var tracked = new TrackedEndpoint(accountKey, endpoint, ledger, new EndpointHealth(endpoint.EndpointId, this.healthLogger));
        this.endpoints[endpoint.EndpointId] = tracked;
        return tracked;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {EndpointId} is gone (deleted or no longer matched: not listed by {Discoveries} discoveries in a row); its series are removed.")]
    private static partial void LogEndpointRemoved(ILogger logger, LogText endpointId, int discoveries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {EndpointId} is no longer read: account {AccountId} in {Region} is not a target any more (it left the organisation, was suspended or filtered out, or the region is no longer enabled); its series are removed.")]
    private static partial void LogTargetGone(ILogger logger, LogText endpointId, LogText accountId, string region);

    /// <summary>One endpoint to read this poll, and the target to read it through.</summary>
    internal sealed record Read(AwsTarget Target, TrackedEndpoint Endpoint);
}
