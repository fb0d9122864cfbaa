using Amazon.Runtime;

namespace ClientVpnExporter.Aws;

/// <summary>The <c>outcome</c> label of an AWS call: <c>success</c>, the AWS error code, or what failed below it.</summary>
internal static class ApiOutcome
{
    public const string Success = "success";

    /// <summary>The outcome of an error whose code does not look like an AWS error code.</summary>
    public const string InvalidErrorCode = "invalid_error_code";

    /// <summary>The longest error code taken as a label value; AWS's are far shorter.</summary>
    public const int MaxErrorCodeLength = 64;

    public static string Of(Exception exception) => exception switch
    {
        AmazonServiceException { ErrorCode: { Length: > 0 } code } => IsErrorCode(code) ? code : InvalidErrorCode,
        AmazonServiceException service => "http_" + (int)service.StatusCode,
        TaskCanceledException or TimeoutException => "timeout",
        HttpRequestException => "network_error",
        AmazonClientException => "client_error",
        _ => "error",
    };

    /// <summary>
    /// Whether <paramref name="code"/> looks like an AWS error code (<c>RequestLimitExceeded</c>,
    /// <c>InvalidClientVpnEndpointId.NotFound</c>): ASCII letters, digits and dots, at most
    /// <see cref="MaxErrorCodeLength"/>. The code is whatever the answer's XML says, so a broken or hostile endpoint
    /// could otherwise make a label value of any text (how many distinct values there are is bounded where the
    /// label is set: <see cref="AwsApiMetrics.MaxOutcomes"/>).
    /// </summary>
    public static bool IsErrorCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length is > 0 and <= MaxErrorCodeLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '.');
    }
}
