namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// The AWS error codes the SDKs' standard retry mode retries (the same lists in botocore's <c>retries/standard.py</c>
/// and the AWS SDK for .NET): throttling codes, which also slow the target's budget, and transient ones. Anything else,
/// <c>AccessDenied</c> and validation errors among them, is final.
/// </summary>
internal static class AwsErrorCodes
{
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "RequestTimeout",
        "RequestTimeoutException",
        "PriorRequestNotComplete",
    };

    public static bool IsThrottling(string? code) => code is not null && Throttling.Contains(code);

    public static bool IsTransient(string? code) => code is not null && Transient.Contains(code);
}
