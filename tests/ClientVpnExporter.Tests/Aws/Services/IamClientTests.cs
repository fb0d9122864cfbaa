using System.Net;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Tests.Aws.Services;

public sealed class IamClientTests
{
    private const string Arn = "arn:aws:iam::111122223333:saml-provider/CorporateIdP";

    [Fact]
    public async Task GetSamlProviderAsync_Provider_PostsTheQueryFormSignedForUsEast1AndReadsValidUntil()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(Answer.Xml(200, """
            <GetSAMLProviderResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <GetSAMLProviderResult>
                <SAMLMetadataDocument>&lt;EntityDescriptor/&gt;</SAMLMetadataDocument>
                <CreateDate>2025-06-01T09:30:00Z</CreateDate>
                <ValidUntil>2027-06-01T09:30:00Z</ValidUntil>
              </GetSAMLProviderResult>
              <ResponseMetadata><RequestId>29f47818-99f5-11e1-a4c3-27EXAMPLE804</RequestId></ResponseMetadata>
            </GetSAMLProviderResponse>
            """));

        var provider = await harness.Target.Services.Iam.GetSamlProviderAsync(Arn, CancellationToken.None);

        Assert.Equal(
            new SamlProvider(Arn, new DateTimeOffset(2025, 6, 1, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2027, 6, 1, 9, 30, 0, TimeSpan.Zero), "<EntityDescriptor/>"),
            provider);
        var request = Assert.Single(harness.Service.Requests);
        Assert.Null(request.SignatureProblem);
        Assert.Equal("POST", request.Method);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Headers["content-type"]);
        Assert.Equal("Action=GetSAMLProvider&Version=2010-05-08&SAMLProviderArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Asaml-provider%2FCorporateIdP", request.Body);
        Assert.False(request.Headers.ContainsKey("x-amz-target"));

        // IAM is global: a target in eu-west-1 signs for us-east-1.
        Assert.Equal("20261201/us-east-1/iam/aws4_request", request.Scope);
        Assert.Equal([(ServiceOperations.GetSamlProvider, ApiOutcome.Success, 1L)], harness.CountedCalls());
    }

    [Fact]
    public async Task GetSamlProviderAsync_NoSuchEntity_ThrowsWithTheCodeStatusAndRequestIdAndDoesNotRetry()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(Answer.Xml(404, """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The SAML provider CorporateIdP does not exist.</Message></Error>
              <RequestId>6b1e4c2a-0000-4000-8000-000000000002</RequestId>
            </ErrorResponse>
            """));

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => harness.RunAsync(harness.Target.Services.Iam.GetSamlProviderAsync(Arn, CancellationToken.None)));

        Assert.Equal("NoSuchEntity", failure.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
        Assert.Equal("6b1e4c2a-0000-4000-8000-000000000002", failure.RequestId);
        Assert.Equal("NoSuchEntity: The SAML provider CorporateIdP does not exist.", failure.Message);
        Assert.Single(harness.Service.Requests);
        Assert.Equal([(ServiceOperations.GetSamlProvider, "NoSuchEntity", 1L)], harness.CountedCalls());
    }

    [Fact]
    public async Task GetSamlProviderAsync_Throttling_IsRetriedAndCountedAsAThrottle()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(
            Answer.Xml(400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>"),
            Answer.Xml(200, "<GetSAMLProviderResponse><GetSAMLProviderResult><ValidUntil>2027-06-01T09:30:00Z</ValidUntil></GetSAMLProviderResult></GetSAMLProviderResponse>"));

        var provider = await harness.RunAsync(harness.Target.Services.Iam.GetSamlProviderAsync(Arn, CancellationToken.None));

        Assert.Equal(new DateTimeOffset(2027, 6, 1, 9, 30, 0, TimeSpan.Zero), provider.ValidUntil);
        Assert.Null(provider.CreateDate);
        Assert.Equal(2, harness.Service.Requests.Count);
        Assert.Equal(1, ServiceClientsHarness.Sum(harness.Throttles, ServiceOperations.GetSamlProvider));
        Assert.Equal(1, ServiceClientsHarness.Sum(harness.Retries, ServiceOperations.GetSamlProvider));
        Assert.Equal([(ServiceOperations.GetSamlProvider, ApiOutcome.Success, 1L)], harness.CountedCalls());
    }

    [Fact]
    public async Task GetSamlProviderAsync_AccessDeniedFromAProxyWithoutXml_GivesTheHttpStatusOutcome()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(new Answer(403, "text/html", "<html><body>Forbidden", []));

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => harness.RunAsync(harness.Target.Services.Iam.GetSamlProviderAsync(Arn, CancellationToken.None)));

        Assert.Equal("", failure.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
        Assert.Single(harness.Service.Requests);
        Assert.Equal([(ServiceOperations.GetSamlProvider, "http_403", 1L)], harness.CountedCalls());
    }
}
