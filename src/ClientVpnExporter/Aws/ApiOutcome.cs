using Amazon.Runtime;

namespace ClientVpnExporter.Aws;

/// <summary>The <c>outcome</c> label of an AWS call: <c>success</c>, the AWS error code, or what failed below it.</summary>
internal static class ApiOutcome
{
    public const string Success = "success";

    public static string Of(Exception exception) => exception switch
    {
        AmazonServiceException { ErrorCode: { Length: > 0 } code } => code,
        AmazonServiceException service => "http_" + (int)service.StatusCode,
        TaskCanceledException or TimeoutException => "timeout",
        HttpRequestException => "network_error",
        AmazonClientException => "client_error",
        _ => "error",
    };
}
