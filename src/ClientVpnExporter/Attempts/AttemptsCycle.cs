using System.Collections.Concurrent;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Health;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Attempts;

/// <summary>
/// One read of the connection log of every endpoint the last poll followed (concurrently, up to
/// <see cref="ExporterOptions.MaxConcurrentEndpoints"/>), then the readings are published together. Each endpoint is read
/// from the start of its lookback window: <c>Lookback</c> before the earlier of now and the newest event it has read (so
/// a clock that is ahead of AWS's reads more, never less), and never before <c>Lookback</c> before the counting start.
/// A read is applied only when every page arrived; one that fails keeps the counts, and is logged when its error code
/// changes; one that is not permitted is reported to the permission gauge (which logs it once, naming
/// <c>logs:FilterLogEvents</c>); an endpoint with logging off is not read, and that is a state, not an error.
/// </summary>
internal sealed partial class AttemptsCycle : IDisposable
{
    /// <summary>The IAM action a read needs.</summary>
    public const string Action = "logs:FilterLogEvents";

    /// <summary>The <c>field</c> label of malformed entries in <c>clientvpn_exporter_parse_errors_total</c>.</summary>
    public const string ParseErrorField = "connection_log_event";

    private readonly ConnectionLogReader reader;
    private readonly IAttemptsPublisher publisher;
    private readonly IPermissionObserver permissions;
    private readonly ConnectionLogMetrics metrics;
    private readonly ParseMetrics parseMetrics;
    private readonly ExporterOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<AttemptsCycle> logger;
    private readonly SerialCycleGate cycleGate = new();
    private readonly Dictionary<string, EndpointAttempts> endpoints = new(StringComparer.Ordinal);
    private int completed;

    public AttemptsCycle(
        ConnectionLogReader reader,
        IAttemptsPublisher publisher,
        IPermissionObserver permissions,
        ConnectionLogMetrics metrics,
        ParseMetrics parseMetrics,
        IOptions<ExporterOptions> options,
        TimeProvider timeProvider,
        ILogger<AttemptsCycle> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.reader = reader;
        this.publisher = publisher;
        this.permissions = permissions;
        this.metrics = metrics;
        this.parseMetrics = parseMetrics;
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;

        // Whole seconds, as a Unix time: what is counted is what happened from this second on.
        this.CountingStart = DateTimeOffset.FromUnixTimeSeconds(timeProvider.GetUtcNow().ToUnixTimeSeconds());
    }

    /// <summary>Attempts from this time on are counted: the exporter's start, to the second.</summary>
    public DateTimeOffset CountingStart { get; }

    /// <summary>How many cycles have completed.</summary>
    public int Completed => Volatile.Read(ref this.completed);

    /// <summary>Reads every one of <paramref name="subjects"/> and publishes the readings. Waits for a running cycle first: cycles never overlap.</summary>
    public async Task RunAsync(IReadOnlyList<HealthSubject> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        await this.cycleGate.RunAsync(() => this.RunOnceAsync(subjects, cancellationToken), cancellationToken);
    }

    public void Dispose() => this.cycleGate.Dispose();

    private async Task RunOnceAsync(IReadOnlyList<HealthSubject> subjects, CancellationToken cancellationToken)
    {
        // An endpoint the poll no longer follows is forgotten with its ids.
        foreach (var gone in this.endpoints.Keys.Except(subjects.Select(s => s.Description.EndpointId), StringComparer.Ordinal).ToList())
        {
            this.endpoints.Remove(gone);
        }

        var states = subjects
            .DistinctBy(s => s.Description.EndpointId, StringComparer.Ordinal)
            .Select(s => (Subject: s, State: this.StateOf(s.Description.EndpointId)))
            .ToList();
        var readings = new ConcurrentDictionary<string, AttemptReading>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            states,
            new ParallelOptions { MaxDegreeOfParallelism = this.options.MaxConcurrentEndpoints, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                await this.ReadAsync(item.Subject, item.State, token);
                readings[item.Subject.Description.EndpointId] = item.State.Reading;
            });

        Interlocked.Increment(ref this.completed);
        this.publisher.Publish(new Dictionary<string, AttemptReading>(readings, StringComparer.Ordinal));
    }

    private EndpointAttempts StateOf(string endpointId)
    {
        if (!this.endpoints.TryGetValue(endpointId, out var state))
        {
            state = new EndpointAttempts(new AttemptLedger(this.CountingStart, this.options.PerUserMetrics, this.options.UserRetention));
            this.endpoints[endpointId] = state;
        }

        return state;
    }

    private async Task ReadAsync(HealthSubject subject, EndpointAttempts state, CancellationToken cancellationToken)
    {
        var endpoint = subject.Description;
        if (!this.options.ConnectionLog.Enabled || !endpoint.ConnectionLogEnabled || endpoint.ConnectionLogGroup.Length == 0)
        {
            state.Reading = state.Ledger.Reading(state.Reading with { LogRead = false, FailureCode = null, Denied = false });
            return;
        }

        var lookback = this.options.ConnectionLog.Lookback;
        var now = this.timeProvider.GetUtcNow();
        var newest = state.Ledger.NewestEvent is { } n && n < now ? n : now;
        var windowStart = Max(Max(newest - lookback, this.CountingStart - lookback), state.WindowStart ?? DateTimeOffset.MinValue);
        var start = state.ResumeFrom is { } resume ? Max(resume, windowStart) : windowStart;
        var last = state.Reading;
        try
        {
            var read = await this.reader.ReadAsync(subject.Target, endpoint, start, cancellationToken);
            var outcomes = state.Ledger.Apply(read.Events, windowStart, now);
            this.metrics.Count(outcomes);
            for (var i = 0; i < outcomes[(int)EventOutcome.Malformed]; i++)
            {
                this.parseMetrics.Count(ParseErrorField);
            }

            if (outcomes[(int)EventOutcome.Malformed] > 0)
            {
                this.LogMalformed(endpoint.EndpointId, outcomes[(int)EventOutcome.Malformed]);
            }

            state.WindowStart = windowStart;
            if (read.Truncated && state.ResumeFrom is null)
            {
                this.LogTruncated(endpoint.EndpointId, read.Pages);
            }

            state.ResumeFrom = read.Truncated ? read.Events.Select(e => e.Timestamp).Max() ?? start : null;
            if (last is { FailureCode: not null, Denied: false })
            {
                this.LogRecovered(endpoint.EndpointId);
            }

            this.permissions.Observed(subject.Target, Action, allowed: true);
            state.Reading = state.Ledger.Reading(last with { LogRead = true, LastSuccess = now, FailureCode = null, Denied = false });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var code = ApiOutcome.Of(ex);
            var denied = DeniedOutcomes.Contains(code);
            if (denied)
            {
                // Logged once by the permission gauge, naming the action to grant.
                this.permissions.Observed(subject.Target, Action, allowed: false);
            }
            else if (last.FailureCode != code)
            {
                this.LogFailed(endpoint.EndpointId, endpoint.ConnectionLogGroup, code, ex.Message);
            }

            state.Reading = state.Ledger.Reading(last with { LogRead = true, FailureCode = code, Denied = denied });
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the connection log of {EndpointId} (log group {LogGroup}) failed ({ErrorCode}): {Reason}. Its attempt counts wait for the next read, which reads the lookback window again.")]
    private partial void LogFailed(LogText endpointId, LogText logGroup, LogText errorCode, LogText reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the connection log of {EndpointId} works again.")]
    private partial void LogRecovered(LogText endpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection log of {EndpointId} had {Count} entries that are not connection log entries; skipped, and counted in clientvpn_exporter_parse_errors_total{{field=\"connection_log_event\"}}.")]
    private partial void LogMalformed(LogText endpointId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the connection log of {EndpointId} stopped at ClientVpn:ConnectionLog:MaxPagesPerRead ({Pages} pages); the next read goes on from its last event. Raise the setting if this repeats.")]
    private partial void LogTruncated(LogText endpointId, int pages);
}
