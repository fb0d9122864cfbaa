using System.Net;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Tests.Aws.Services;

public sealed class StandardRetryTests
{
    [Theory]
    [InlineData(1, 0.5, 0.5)]
    [InlineData(2, 0.5, 1.0)]
    [InlineData(3, 0.999, 3.996)]
    [InlineData(6, 1.0, 20.0)]
    [InlineData(30, 0.25, 5.0)]
    public void Backoff_AttemptAndJitter_IsJitterTimesTwoToTheRetryCappedAtTwentySeconds(int attempt, double random, double seconds) =>
        Assert.Equal(seconds, StandardRetry.Backoff(attempt, random).TotalSeconds, 9);

    [Theory]
    [InlineData("ThrottlingException", 400, true)]
    [InlineData("TooManyRequestsException", 400, true)]
    [InlineData("Throttling", 400, true)]
    [InlineData("RequestTimeout", 400, true)]
    [InlineData("InternalFailure", 500, true)]
    [InlineData("", 503, true)]
    [InlineData("AccessDeniedException", 400, false)]
    [InlineData("AccessDenied", 403, false)]
    [InlineData("ValidationException", 400, false)]
    [InlineData("InvalidArnException", 400, false)]
    [InlineData("ResourceNotFoundException", 400, false)]
    public void IsRetryable_ServiceError_RetriesThrottlesTransientsAnd5xxOnly(string code, int status, bool retried) =>
        Assert.Equal(retried, StandardRetry.IsRetryable(new AwsServiceException("x", code, (HttpStatusCode)status, null)));

    [Fact]
    public void IsRetryable_TimeoutOrBrokenConnection_IsRetriedButOtherFailuresAreNot()
    {
        Assert.True(StandardRetry.IsRetryable(new TimeoutException()));
        Assert.True(StandardRetry.IsRetryable(new HttpRequestException()));
        Assert.False(StandardRetry.IsRetryable(new Amazon.Runtime.AmazonClientException("unreadable")));
        Assert.False(StandardRetry.IsRetryable(new InvalidOperationException()));
    }
}
