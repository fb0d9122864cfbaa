using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Tests.Aws.Services;

public sealed class SigV4SignerTests
{
    // The example of AWS's "Create a signed AWS API request" (Signature Version 4) documentation: IAM ListUsers as a GET,
    // its inputs and every intermediate value AWS publishes for it.
    private const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset ExampleTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private static readonly SigningScope ExampleScope = new("us-east-1", "iam");

    [Fact]
    public void Sign_AwsDocumentedListUsersExample_GivesThePublishedSignatureAndIntermediates()
    {
        using var request = ExampleRequest();

        SigV4Signer.Sign(request, [], new ImmutableCredentials("AKIDEXAMPLE", ExampleSecret, null), ExampleScope, ExampleTime);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
            Assert.Single(request.Headers.GetValues("Authorization")));
        Assert.Equal("20150830T123600Z", Assert.Single(request.Headers.GetValues("X-Amz-Date")));
        Assert.False(request.Headers.Contains(SigV4Signer.SecurityTokenHeader));
    }

    [Fact]
    public void CanonicalRequest_AwsDocumentedListUsersExample_HashesToThePublishedValue()
    {
        using var request = ExampleRequest();
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20150830T123600Z");

        var canonical = SigV4Signer.CanonicalRequest("GET", request.RequestUri!, SigV4Signer.SignedHeaders(request), []);

        Assert.Equal(
            "GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            canonical);
        Assert.EndsWith(
            "\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59",
            SigV4Signer.StringToSign(ExampleScope, ExampleTime, canonical),
            StringComparison.Ordinal);
        Assert.Equal(
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9",
            Convert.ToHexStringLower(SigV4Signer.SigningKey(ExampleSecret, ExampleScope, ExampleTime)));
    }

    [Fact]
    public void Sign_SessionCredentials_AddsAndSignsTheSecurityToken()
    {
        using var request = ExampleRequest();

        SigV4Signer.Sign(request, [], new ImmutableCredentials("ASIAEXAMPLE", ExampleSecret, "the-session-token"), ExampleScope, ExampleTime);

        Assert.Equal("the-session-token", Assert.Single(request.Headers.GetValues(SigV4Signer.SecurityTokenHeader)));
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,", Assert.Single(request.Headers.GetValues("Authorization")), StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_SignedTwice_ReplacesTheFirstSignatureRatherThanAddingOne()
    {
        using var request = ExampleRequest();
        var credentials = new ImmutableCredentials("ASIAEXAMPLE", ExampleSecret, "token");

        SigV4Signer.Sign(request, [], credentials, ExampleScope, ExampleTime);
        SigV4Signer.Sign(request, [], credentials, ExampleScope, ExampleTime.AddMinutes(1));

        Assert.Equal("20150830T123700Z", Assert.Single(request.Headers.GetValues("X-Amz-Date")));
        Assert.Single(request.Headers.GetValues(SigV4Signer.SecurityTokenHeader));
        Assert.Single(request.Headers.GetValues("Authorization"));
    }

    [Fact]
    public void CanonicalRequest_QueryOutOfOrderAndNonDefaultPort_SortsEncodesAndKeepsThePort()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1:4566/a b/?b=2&a=x%2Fy&a=%20z"));
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20150830T123600Z");
        request.Headers.TryAddWithoutValidation("X-Amz-Meta", "  two   spaces  ");

        var canonical = SigV4Signer.CanonicalRequest("GET", request.RequestUri!, SigV4Signer.SignedHeaders(request), Encoding.UTF8.GetBytes(""));

        Assert.StartsWith(
            "GET\n/a%20b/\na=%20z&a=x%2Fy&b=2\nhost:127.0.0.1:4566\nx-amz-date:20150830T123600Z\nx-amz-meta:two spaces\n\nhost;x-amz-date;x-amz-meta\n",
            canonical,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::1:saml-provider/A B", "arn%3Aaws%3Aiam%3A%3A1%3Asaml-provider%2FA%20B")]
    [InlineData("-_.~AZaz09", "-_.~AZaz09")]
    [InlineData("é+*", "%C3%A9%2B%2A")]
    public void Encode_Text_PercentEncodesAllButTheUnreservedCharacters(string text, string encoded) =>
        Assert.Equal(encoded, SigV4Signer.Encode(text));

    private static HttpRequestMessage ExampleRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"))
        {
            Content = new ByteArrayContent([]),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        return request;
    }
}
