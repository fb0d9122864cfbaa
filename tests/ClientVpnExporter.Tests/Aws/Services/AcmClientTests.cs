using System.Net;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Tests.Aws.Services;

public sealed class AcmClientTests
{
    private const string Arn = "arn:aws:acm:eu-west-1:111122223333:certificate/0f6e1c1a-6f47-4a37-9d4f-2a6a3f1b7e10";

    private const string Issued = $$$"""
        {"Certificate":{"CertificateArn":"{{{Arn}}}","DomainName":"vpn.example.com","Status":"ISSUED","Type":"IMPORTED",
         "RenewalEligibility":"INELIGIBLE","NotBefore":1764547200,"NotAfter":1796083200.5,"InUseBy":["arn:aws:ec2:eu-west-1:111122223333:client-vpn-endpoint/cvpn-endpoint-0123"],
         "KeyAlgorithm":"RSA_2048"}}
        """;

    [Fact]
    public async Task DescribeCertificateAsync_Issued_SendsSignedJson11AndReadsEpochDates()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(Answer.Json(200, Issued));

        var certificate = await harness.Target.Services.Acm.DescribeCertificateAsync(Arn, CancellationToken.None);

        var request = Assert.Single(harness.Service.Requests);
        Assert.Null(request.SignatureProblem);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.PathAndQuery);
        Assert.Equal("CertificateManager.DescribeCertificate", request.Headers["x-amz-target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["content-type"]);
        Assert.Equal($$"""{"CertificateArn":"{{Arn}}"}""", request.Body);
        Assert.Equal(ServiceClientsHarness.SessionToken, request.Headers["x-amz-security-token"]);
        Assert.Equal("20261201T120000Z", request.Headers["x-amz-date"]);
        Assert.Equal("20261201/eu-west-1/acm/aws4_request", request.Scope);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,", request.Headers["authorization"], StringComparison.Ordinal);

        Assert.Equal(
            new AcmCertificate(
                Arn,
                "vpn.example.com",
                "ISSUED",
                "IMPORTED",
                "INELIGIBLE",
                DateTimeOffset.FromUnixTimeSeconds(1764547200),
                DateTimeOffset.FromUnixTimeMilliseconds(1796083200500),
                certificate.InUseBy),
            certificate);
        Assert.Equal("arn:aws:ec2:eu-west-1:111122223333:client-vpn-endpoint/cvpn-endpoint-0123", Assert.Single(certificate.InUseBy));
        Assert.Equal([(ServiceOperations.DescribeCertificate, ApiOutcome.Success, 1L)], harness.CountedCalls());
    }

    [Fact]
    public async Task DescribeCertificateAsync_Throttled_RetriesOnTheClockAndCountsTheThrottleAndRetry()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(
            Answer.Json(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""),
            Answer.Json(200, Issued));

        var call = harness.Target.Services.Acm.DescribeCertificateAsync(Arn, CancellationToken.None);

        // The retry waits for the clock (the TimeProvider), not for real time.
        await WaitUntilAsync(() => !harness.Service.Requests.IsEmpty);
        await Task.Delay(300);
        Assert.Single(harness.Service.Requests);
        Assert.False(call.IsCompleted);

        var certificate = await harness.RunAsync(call);

        Assert.Equal("ISSUED", certificate.Status);
        var requests = harness.Service.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Null(r.SignatureProblem));
        Assert.Equal("attempt=1; max=3", requests[0].Headers["amz-sdk-request"]);
        Assert.Equal("attempt=2; max=3", requests[1].Headers["amz-sdk-request"]);
        Assert.Equal([(ServiceOperations.DescribeCertificate, ApiOutcome.Success, 1L)], harness.CountedCalls());
        Assert.Equal(1, ServiceClientsHarness.Sum(harness.Throttles, ServiceOperations.DescribeCertificate));
        Assert.Equal(1, ServiceClientsHarness.Sum(harness.Retries, ServiceOperations.DescribeCertificate));

        // Each attempt waited for the target's API budget.
        Assert.Equal(2, harness.BudgetWaits.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task DescribeCertificateAsync_ThrottledEveryTime_GivesUpAfterThreeAttempts()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(Answer.Json(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""));

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => harness.RunAsync(harness.Target.Services.Acm.DescribeCertificateAsync(Arn, CancellationToken.None)));

        Assert.Equal("ThrottlingException", failure.ErrorCode);
        Assert.True(failure.IsThrottling);
        Assert.Equal(StandardRetry.MaxAttempts, harness.Service.Requests.Count);
        Assert.Equal([(ServiceOperations.DescribeCertificate, "ThrottlingException", 1L)], harness.CountedCalls());
        Assert.Equal(3, ServiceClientsHarness.Sum(harness.Throttles, ServiceOperations.DescribeCertificate));
        Assert.Equal(2, ServiceClientsHarness.Sum(harness.Retries, ServiceOperations.DescribeCertificate));
    }

    [Fact]
    public async Task DescribeCertificateAsync_AccessDenied_FailsAtOnceWithItsCodeAndStatus()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(Answer.Json(
            400,
            """{"__type":"AccessDeniedException","Message":"User is not authorized to perform: acm:DescribeCertificate"}""",
            ("x-amzn-RequestId", "5d3c6f5e-0000-4000-8000-000000000001")));

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => harness.RunAsync(harness.Target.Services.Acm.DescribeCertificateAsync(Arn, CancellationToken.None)));

        Assert.Equal("AccessDeniedException", failure.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.Equal("5d3c6f5e-0000-4000-8000-000000000001", failure.RequestId);
        Assert.Contains("not authorized to perform: acm:DescribeCertificate", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.IsRetryable);
        Assert.Single(harness.Service.Requests);
        Assert.Equal([(ServiceOperations.DescribeCertificate, "AccessDeniedException", 1L)], harness.CountedCalls());
        Assert.Equal(0, ServiceClientsHarness.Sum(harness.Throttles, ServiceOperations.DescribeCertificate));
        Assert.Equal(0, ServiceClientsHarness.Sum(harness.Retries, ServiceOperations.DescribeCertificate));
    }

    [Theory]
    [InlineData("""{"__type":"com.amazonaws.acm#ResourceNotFoundException","message":"not found"}""", "")]
    [InlineData("""{"message":"not found"}""", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.acm/")]
    public async Task DescribeCertificateAsync_NotFoundNamedInBodyOrHeader_GivesTheBareCode(string body, string errorTypeHeader)
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(errorTypeHeader.Length == 0 ? Answer.Json(400, body) : Answer.Json(400, body, ("x-amzn-ErrorType", errorTypeHeader)));

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => harness.RunAsync(harness.Target.Services.Acm.DescribeCertificateAsync(Arn, CancellationToken.None)));

        Assert.Equal("ResourceNotFoundException", failure.ErrorCode);
        Assert.Equal("ResourceNotFoundException: not found", failure.Message);
        Assert.Single(harness.Service.Requests);
    }

    [Fact]
    public async Task DescribeCertificateAsync_ServerErrorThenSuccess_RetriesTheServerError()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(Answer.Json(500, """{"__type":"InternalFailure"}"""), Answer.Json(200, Issued));

        var certificate = await harness.RunAsync(harness.Target.Services.Acm.DescribeCertificateAsync(Arn, CancellationToken.None));

        Assert.Equal("vpn.example.com", certificate.DomainName);
        Assert.Equal(2, harness.Service.Requests.Count);
        Assert.Equal(0, ServiceClientsHarness.Sum(harness.Throttles, ServiceOperations.DescribeCertificate));
        Assert.Equal(1, ServiceClientsHarness.Sum(harness.Retries, ServiceOperations.DescribeCertificate));
    }

    [Fact]
    public async Task DescribeCertificateAsync_AnswerNotJson_FailsAsAClientErrorWithoutRetrying()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(Answer.Json(200, "<html>captive portal</html>"));

        await Assert.ThrowsAsync<Amazon.Runtime.AmazonClientException>(() => harness.RunAsync(harness.Target.Services.Acm.DescribeCertificateAsync(Arn, CancellationToken.None)));

        Assert.Single(harness.Service.Requests);
        Assert.Equal([(ServiceOperations.DescribeCertificate, "client_error", 1L)], harness.CountedCalls());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
