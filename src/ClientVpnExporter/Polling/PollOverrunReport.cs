using ClientVpnExporter.Aws;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Says why a poll outlasted its interval, from what the poll met, so the advice fits: AWS failing (retries took the
/// time; a bigger budget would not help), AWS throttling (the account's limit is shared, so a bigger budget would
/// make it worse), or neither (the fleet needs more calls than the budget allows in one interval).
/// </summary>
internal sealed partial class PollOverrunReport
{
    private static readonly HashSet<string> ThrottleCodes = new(StringComparer.Ordinal) { "RequestLimitExceeded", "Throttling", "ThrottlingException" };

    private readonly AwsApiMetrics apiMetrics;
    private readonly long retriedAtStart;
    private readonly long throttledAtStart;

    private PollOverrunReport(AwsApiMetrics apiMetrics)
    {
        this.apiMetrics = apiMetrics;
        this.retriedAtStart = apiMetrics.RetriedAttempts;
        this.throttledAtStart = apiMetrics.ThrottledAttempts;
    }

    /// <summary>What a poll met that can make it slow.</summary>
    internal enum Cause
    {
        /// <summary>Neither failures nor throttling: the budget or the interval is too small for the fleet.</summary>
        Slow,

        /// <summary>AWS throttled calls.</summary>
        Throttled,

        /// <summary>Calls failed (5xx, timeouts, errors) and were retried, or gave up.</summary>
        Failing,
    }

    /// <summary>Starts watching a poll: the retries and throttles counted from now on are the poll's.</summary>
    public static PollOverrunReport Start(AwsApiMetrics apiMetrics) => new(apiMetrics);

    /// <summary>What made the poll slow, given the error codes of the reads that gave up.</summary>
    public Cause CauseOf(IReadOnlyCollection<string> failureCodes)
    {
        ArgumentNullException.ThrowIfNull(failureCodes);
        var throttled = this.apiMetrics.ThrottledAttempts - this.throttledAtStart;
        var retried = this.apiMetrics.RetriedAttempts - this.retriedAtStart;

        // A throttled attempt is retried too, so retries beyond the throttles were for failures.
        if (failureCodes.Any(code => !ThrottleCodes.Contains(code)) || retried > throttled)
        {
            return Cause.Failing;
        }

        return throttled > 0 || failureCodes.Count > 0 ? Cause.Throttled : Cause.Slow;
    }

    /// <summary>Logs the overrun with the advice that fits what the poll met.</summary>
    public void Log(ILogger logger, TimeSpan elapsed, TimeSpan interval, IReadOnlyCollection<string> failureCodes)
    {
        switch (this.CauseOf(failureCodes))
        {
            case Cause.Failing:
                var codes = failureCodes.Count == 0 ? "none" : string.Join(", ", failureCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                LogFailing(logger, elapsed, interval, failureCodes.Count, codes);
                break;
            case Cause.Throttled:
                LogThrottled(logger, elapsed, interval, this.apiMetrics.ThrottledAttempts - this.throttledAtStart);
                break;
            default:
                LogSlow(logger, elapsed, interval);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A poll took {Elapsed} (poll interval {Interval}); the next poll starts late. AWS calls failed and were retried, and {Failed} reads gave up ({ErrorCodes}): the retries took the time, and a bigger API budget would not help. See clientvpn_endpoint_up and clientvpn_exporter_api_requests_total.")]
    private static partial void LogFailing(ILogger logger, TimeSpan elapsed, TimeSpan interval, int failed, LogText errorCodes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A poll took {Elapsed} (poll interval {Interval}); the next poll starts late. AWS throttled {Throttled} calls: its limit is shared by every caller in the account and region, so a bigger API budget would make this worse. Lower ClientVpn:ApiBudget:RequestsPerSecond or raise ClientVpn:PollInterval, or find the other caller.")]
    private static partial void LogThrottled(ILogger logger, TimeSpan elapsed, TimeSpan interval, long throttled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A poll took {Elapsed} (poll interval {Interval}) without failures or throttling; the next poll starts late. The fleet needs more calls than ClientVpn:ApiBudget allows in one interval: raise ClientVpn:ApiBudget:RequestsPerSecond or ClientVpn:PollInterval.")]
    private static partial void LogSlow(ILogger logger, TimeSpan elapsed, TimeSpan interval);
}
