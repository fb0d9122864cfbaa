namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// The AWS SDKs' standard retry mode, as botocore's <c>retries/standard.py</c> and the AWS SDK for .NET implement it:
/// at most <see cref="MaxAttempts"/> attempts; throttling codes, transient codes, 5xx answers, timeouts and broken
/// connections are retried after a full-jitter exponential backoff, <c>rand(0, 1) × 2^(attempt − 1)</c> seconds capped at
/// <see cref="MaxBackoff"/>; anything else (access denied, validation, not found) is final. The SDK's retry quota is left
/// out: the target's <see cref="ApiBudget"/> is what slows a throttled target down.
/// </summary>
internal static class StandardRetry
{
    /// <summary>The standard mode's default: the first attempt and two retries.</summary>
    public const int MaxAttempts = 3;

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    /// <summary>Whether a call whose attempt failed with <paramref name="failure"/> is tried again.</summary>
    public static bool IsRetryable(Exception failure) => failure switch
    {
        AwsServiceException service => service.IsRetryable,
        TimeoutException or HttpRequestException => true,
        _ => false,
    };

    /// <summary>How long to wait after failed attempt <paramref name="attempt"/> (1-based), given <paramref name="random"/> in [0, 1).</summary>
    public static TimeSpan Backoff(int attempt, double random)
    {
        var ceiling = Math.Min(Math.Pow(2, attempt - 1), MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(random * ceiling);
    }
}
