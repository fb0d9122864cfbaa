using System.Diagnostics.Metrics;

namespace ClientVpnExporter.Diagnostics;

/// <summary>
/// What the exporter says about its own work: AWS calls by operation and outcome, parse errors by field,
/// poll durations, refused logins and the TLS certificate served. These are plain synchronous instruments with small, fixed label sets, so they live in a
/// meter that is never replaced; the fleet families are written from the ledger by <c>Exposition/ExpositionWriter</c>.
/// </summary>
internal sealed class ExporterSelfMetrics : IDisposable
{
    /// <summary>
    /// How many distinct <c>outcome</c> values <c>clientvpn_exporter_api_requests_total</c> takes; a new one beyond
    /// them is <see cref="OtherOutcome"/>. A real exporter meets a handful of AWS error codes, but each answer names
    /// its own, so an endpoint that is not AWS could otherwise make a new series of every answer.
    /// </summary>
    public const int MaxOutcomes = 50;

    /// <summary>The outcome of a failure once <see cref="MaxOutcomes"/> others have been seen.</summary>
    public const string OtherOutcome = "other_error_code";

    private readonly Meter meter;
    private readonly Counter<long> apiRequests;
    private readonly Counter<long> parseErrors;
    private readonly Counter<long> stateFileErrors;
    private readonly Histogram<double> pollDuration;
    private readonly Counter<long> polls;
    private readonly Counter<long> pollOverruns;
    private readonly Counter<long> apiRetries;
    private readonly Counter<long> apiThrottles;
    private readonly Counter<double> budgetWait;
    private readonly HashSet<string> outcomes = new(StringComparer.Ordinal);
    private readonly Lock outcomesSync = new();
    private long retriedAttempts;
    private long throttledAttempts;

    // The HTTP front door (Security/): refused credentials and certificate reloads.
    private readonly Counter<long> authFailures;
    private readonly Counter<long> tlsReloadFailures;

    public ExporterSelfMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.meter = ExporterMeter.Create(meterFactory);

        this.apiRequests = this.meter.CreateCounter<long>(
            "clientvpn_exporter_api_requests",
            unit: "{request}",
            description: "AWS API calls made by the exporter (after the SDK's retries), by operation, region, account and outcome (success or the AWS error code).");
        this.parseErrors = this.meter.CreateCounter<long>(
            "clientvpn_exporter_parse_errors",
            unit: "{error}",
            description: "Connection fields whose value could not be parsed or was implausible, by API field name. The field keeps its last good value; the rest of the connection still counts.");
        this.stateFileErrors = this.meter.CreateCounter<long>(
            "clientvpn_exporter_state_file_errors",
            unit: "{error}",
            description: "State file (ClientVpn:StateFile) reads that found a file it could not use, and writes that failed, by operation (read, write).");
        this.pollDuration = this.meter.CreateHistogram(
            "clientvpn_exporter_poll_duration",
            unit: "s",
            description: "Time taken by one poll of every endpoint, discovery included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        this.polls = this.meter.CreateCounter<long>(
            "clientvpn_exporter_polls",
            unit: "{poll}",
            description: "Polls completed, by outcome: success when every endpoint was read, partial when some failed, failure when none was.");
        this.pollOverruns = this.meter.CreateCounter<long>(
            "clientvpn_exporter_poll_overruns",
            unit: "{poll}",
            description: "Polls that took longer than the poll interval, delaying the next one.");
        this.apiRetries = this.meter.CreateCounter<long>(
            "clientvpn_exporter_api_retries",
            unit: "{request}",
            description: "HTTP attempts the AWS SDK retried after a throttle, 5xx or timeout, by operation, region and account.");
        this.apiThrottles = this.meter.CreateCounter<long>(
            "clientvpn_exporter_api_throttles",
            unit: "{request}",
            description: "HTTP attempts AWS answered with RequestLimitExceeded, by operation, region and account.");
        this.budgetWait = this.meter.CreateCounter<double>(
            "clientvpn_exporter_budget_wait",
            unit: "s",
            description: "Time requests spent waiting for the exporter's API budget, by region and account.");

        this.authFailures = this.meter.CreateCounter<long>(
            "clientvpn_exporter_http_auth_failures",
            unit: "{request}",
            description: "Requests refused by basic authentication, by reason: missing, malformed, wrong (unknown user or wrong password) or throttled (429: too many bcrypt checks already running).");
        this.tlsReloadFailures = this.meter.CreateCounter<long>(
            "clientvpn_exporter_tls_reload_failures",
            unit: "{reload}",
            description: "Changed TLS certificate, key or client CA files that could not be loaded; the last good ones are still served.");
    }

    public void HttpAuthFailure(string reason) => this.authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void TlsReloadFailure() => this.tlsReloadFailures.Add(1);

    /// <summary>Publishes <c>clientvpn_exporter_tls_certificate_expiry_timestamp_seconds</c> from the certificate being served.</summary>
    public void ObserveServingCertificate(Func<DateTimeOffset> notAfter) =>
        this.meter.CreateObservableGauge(
            "clientvpn_exporter_tls_certificate_expiry_timestamp",
            () => notAfter().ToUnixTimeSeconds(),
            unit: "s",
            description: "When the TLS certificate the exporter serves expires, as a Unix time. Follows certificate files rotated on disk.");

    /// <summary>HTTP attempts retried so far, all targets together; a poll compares it before and after to say why it was slow.</summary>
    public long RetriedAttempts => Interlocked.Read(ref this.retriedAttempts);

    /// <summary>HTTP attempts answered throttled so far, all targets together.</summary>
    public long ThrottledAttempts => Interlocked.Read(ref this.throttledAttempts);

    public void ApiRetry(string operation, string region, string accountId)
    {
        Interlocked.Increment(ref this.retriedAttempts);
        this.apiRetries.Add(1, new("operation", operation), new("region", region), new("account_id", accountId));
    }

    public void ApiThrottle(string operation, string region, string accountId)
    {
        Interlocked.Increment(ref this.throttledAttempts);
        this.apiThrottles.Add(1, new("operation", operation), new("region", region), new("account_id", accountId));
    }

    public void BudgetWait(string region, string accountId, TimeSpan waited) =>
        this.budgetWait.Add(waited.TotalSeconds, new KeyValuePair<string, object?>("region", region), new KeyValuePair<string, object?>("account_id", accountId));

    public void PollOverrun() => this.pollOverruns.Add(1);

    /// <summary>Publishes <c>clientvpn_exporter_permission_ok</c> from what the permission checks found.</summary>
    public void ObservePermissions(Func<IReadOnlyDictionary<(string Action, string Region, string AccountId), bool>> states) =>
        this.meter.CreateObservableGauge(
            "clientvpn_exporter_permission_ok",
            () => states().Select(s => new Measurement<long>(
                s.Value ? 1 : 0,
                new("action", s.Key.Action),
                new("region", s.Key.Region),
                new("account_id", s.Key.AccountId))),
            unit: null,
            description: "1 when a DryRun call shows the exporter may call the IAM action in the account and region, 0 when it may not.");

    public void ApiRequest(string operation, string region, string accountId, string outcome) =>
        this.apiRequests.Add(1, new("operation", operation), new("region", region), new("account_id", accountId), new("outcome", this.Bounded(outcome)));

    /// <summary>Counts a connection field that could not be parsed, by its API field name.</summary>
    public void ParseError(string field) =>
        this.parseErrors.Add(1, new KeyValuePair<string, object?>("field", field));

    public void StateFileError(string operation) =>
        this.stateFileErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void PollCompleted(TimeSpan duration, string outcome)
    {
        this.pollDuration.Record(duration.TotalSeconds);
        this.polls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Dispose() => this.meter.Dispose();

    private string Bounded(string outcome)
    {
        lock (this.outcomesSync)
        {
            return this.outcomes.Contains(outcome) || (this.outcomes.Count < MaxOutcomes && this.outcomes.Add(outcome)) ? outcome : OtherOutcome;
        }
    }
}
