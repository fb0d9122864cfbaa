using System.Text.Json.Nodes;

namespace ClientVpnExporter.Tests.Aws.Services;

/// <summary>
/// The signer against an independent one: the requests the service clients put on the wire, signed again by botocore
/// from the same method, URL, headers, body, keys and time, must carry the same Authorization header, byte for byte.
/// </summary>
public sealed class SigV4BotocoreAgreementTests
{
    [BotocoreSignerFact]
    public async Task Sign_JsonPostWithSessionTokenAndQueryPost_MatchesBotocoreByteForByte()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(
            Answer.Json(200, """{"Certificate":{"CertificateArn":"arn:aws:acm:eu-west-1:111122223333:certificate/abc","Status":"ISSUED"}}"""),
            Answer.Xml(200, "<GetSAMLProviderResponse><GetSAMLProviderResult/></GetSAMLProviderResponse>"));
        await harness.Target.Services.Acm.DescribeCertificateAsync("arn:aws:acm:eu-west-1:111122223333:certificate/abc", CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromHours(13));
        await harness.Target.Services.Iam.GetSamlProviderAsync("arn:aws:iam::111122223333:saml-provider/Corp IdP", CancellationToken.None);
        var wire = harness.Service.Requests.ToList();

        var botocore = await BotocoreSigner.SignAsync(wire.Select(r => Item(harness.Service.Url, r, r.Scope.Split('/'))));

        Assert.Equal(2, botocore.Count);
        Assert.Equal(wire[0].Headers["authorization"], botocore[0]);
        Assert.Equal(wire[1].Headers["authorization"], botocore[1]);
        Assert.Contains("/eu-west-1/acm/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,", botocore[0], StringComparison.Ordinal);
        Assert.Contains("/20261202/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,", botocore[1], StringComparison.Ordinal);
    }

    [BotocoreSignerFact]
    public async Task Sign_AwsDocumentedListUsersExample_BotocoreGivesThePublishedSignatureToo()
    {
        var botocore = await BotocoreSigner.SignAsync([new JsonObject
        {
            ["method"] = "GET",
            ["url"] = "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
            ["headers"] = new JsonObject { ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8" },
            ["body"] = "",
            ["region"] = "us-east-1",
            ["service"] = "iam",
            ["accessKey"] = "AKIDEXAMPLE",
            ["secretKey"] = ServiceClientsHarness.SecretKey,
            ["sessionToken"] = null,
            ["time"] = "20150830T123600Z",
        }]);

        // The script really runs botocore's signer: it agrees with AWS's published example, as SigV4Signer does.
        Assert.EndsWith("Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", Assert.Single(botocore), StringComparison.Ordinal);
    }

    private static JsonObject Item(Uri url, ReceivedRequest request, string[] scope)
    {
        // The headers the client chose to sign, less those botocore adds itself (date, token) or derives (host).
        var headers = new JsonObject();
        foreach (var name in new[] { "content-type", "x-amz-target" }.Where(request.Headers.ContainsKey))
        {
            headers[name] = request.Headers[name];
        }

        return new JsonObject
        {
            ["method"] = request.Method,
            ["url"] = new Uri(url, request.PathAndQuery).ToString(),
            ["headers"] = headers,
            ["body"] = request.Body,
            ["region"] = scope[1],
            ["service"] = scope[2],
            ["accessKey"] = ServiceClientsHarness.AccessKey,
            ["secretKey"] = ServiceClientsHarness.SecretKey,
            ["sessionToken"] = ServiceClientsHarness.SessionToken,
            ["time"] = request.Headers["x-amz-date"],
        };
    }
}
