using System.Net;
using Amazon.Runtime;

namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// An error AWS answered to a call of <see cref="SignedServiceClient"/>, either protocol: the AWS error code
/// (<c>AccessDeniedException</c>, <c>ThrottlingException</c>, <c>NoSuchEntity</c>) and the HTTP status. It is an
/// <see cref="AmazonServiceException"/>, so the callers' error handling and <see cref="ApiOutcome.Of"/> treat it
/// as they do the SDK's own.
/// </summary>
internal sealed class AwsServiceException : AmazonServiceException
{
    public AwsServiceException(string message, string errorCode, HttpStatusCode statusCode, string? requestId)
        : base(message, (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender, errorCode, requestId ?? "", statusCode)
    {
    }

    public AwsServiceException()
    {
    }

    public AwsServiceException(string message)
        : base(message)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether AWS said to slow down (<see cref="AwsErrorCodes.IsThrottling"/>).</summary>
    public bool IsThrottling => AwsErrorCodes.IsThrottling(this.ErrorCode);

    /// <summary>Whether the standard retry mode tries the call again: throttled, a transient code or a 5xx.</summary>
    public bool IsRetryable => this.IsThrottling || AwsErrorCodes.IsTransient(this.ErrorCode) || (int)this.StatusCode >= 500;
}
