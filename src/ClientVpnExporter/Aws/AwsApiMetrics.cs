using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Aws;

/// <summary>
/// What the exporter's AWS calls cost: calls by operation and outcome, the SDK's retries, the throttled attempts and the
/// time waited for the API budget, each labelled with the target's region and account id.
/// </summary>
internal sealed class AwsApiMetrics : IDisposable
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
    private readonly Counter<long> requests;
    private readonly Counter<long> retries;
    private readonly Counter<long> throttles;
    private readonly Counter<double> budgetWait;
    private readonly HashSet<string> outcomes = new(StringComparer.Ordinal);
    private readonly Lock outcomesSync = new();
    private long retriedAttempts;
    private long throttledAttempts;

    public AwsApiMetrics(IMeterFactory meterFactory)
    {
        this.meter = ExporterMeter.Create(meterFactory, ExporterMeter.Aws);
        this.requests = this.meter.CreateCounter<long>(
            "clientvpn_exporter_api_requests",
            unit: "{request}",
            description: "AWS API calls made by the exporter (after the SDK's retries), by operation, region, account and outcome (success or the AWS error code).");
        this.retries = this.meter.CreateCounter<long>(
            "clientvpn_exporter_api_retries",
            unit: "{request}",
            description: "HTTP attempts the AWS SDK retried after a throttle, 5xx or timeout, by operation, region and account.");
        this.throttles = this.meter.CreateCounter<long>(
            "clientvpn_exporter_api_throttles",
            unit: "{request}",
            description: "HTTP attempts AWS answered with RequestLimitExceeded, by operation, region and account.");
        this.budgetWait = this.meter.CreateCounter<double>(
            "clientvpn_exporter_budget_wait",
            unit: "s",
            description: "Time requests spent waiting for the exporter's API budget, by region and account.");
    }

    /// <summary>HTTP attempts retried so far, all targets together; a poll compares it before and after to say why it was slow.</summary>
    public long RetriedAttempts => Interlocked.Read(ref this.retriedAttempts);

    /// <summary>HTTP attempts answered throttled so far, all targets together.</summary>
    public long ThrottledAttempts => Interlocked.Read(ref this.throttledAttempts);

    /// <summary>Counts one call of <paramref name="operation"/> in <paramref name="target"/> that ended with <paramref name="outcome"/>.</summary>
    public void Request(AwsTarget target, string operation, string outcome)
    {
        ArgumentNullException.ThrowIfNull(target);
        this.requests.Add(1, new("operation", operation), new("region", target.Region), new("account_id", target.AccountId), new("outcome", this.Bounded(outcome)));
    }

    public void Retry(AwsTarget target, string operation)
    {
        ArgumentNullException.ThrowIfNull(target);
        Interlocked.Increment(ref this.retriedAttempts);
        this.retries.Add(1, new("operation", operation), new("region", target.Region), new("account_id", target.AccountId));
    }

    public void Throttle(AwsTarget target, string operation)
    {
        ArgumentNullException.ThrowIfNull(target);
        Interlocked.Increment(ref this.throttledAttempts);
        this.throttles.Add(1, new("operation", operation), new("region", target.Region), new("account_id", target.AccountId));
    }

    public void BudgetWait(AwsTarget target, TimeSpan waited)
    {
        ArgumentNullException.ThrowIfNull(target);
        this.budgetWait.Add(waited.TotalSeconds, new KeyValuePair<string, object?>("region", target.Region), new KeyValuePair<string, object?>("account_id", target.AccountId));
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
