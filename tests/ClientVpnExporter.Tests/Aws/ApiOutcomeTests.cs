using System.Net;
using Amazon.EC2;
using Amazon.Runtime;
using ClientVpnExporter.Aws;

namespace ClientVpnExporter.Tests.Aws;

public class ApiOutcomeTests
{
    [Theory]
    [InlineData("RequestLimitExceeded")]
    [InlineData("InvalidClientVpnEndpointId.NotFound")]
    [InlineData("Client.UnauthorizedOperation")]
    [InlineData("Http400")]
    public void Of_AwsShapedErrorCode_IsTheCode(string code)
    {
        Assert.Equal(code, ApiOutcome.Of(Ec2Error(code)));
    }

    [Theory]
    [InlineData("Request Limit")]
    [InlineData("Invalid-Code")]
    [InlineData("code\nwith a line break")]
    [InlineData("código")]
    [InlineData("Code\"}")]
    public void Of_ErrorCodeWithOtherCharacters_IsInvalidErrorCode(string code)
    {
        Assert.Equal(ApiOutcome.InvalidErrorCode, ApiOutcome.Of(Ec2Error(code)));
    }

    [Fact]
    public void Of_ErrorCodeLongerThanTheBound_IsInvalidErrorCode()
    {
        Assert.Equal(new string('A', 64), ApiOutcome.Of(Ec2Error(new string('A', 64))));
        Assert.Equal(ApiOutcome.InvalidErrorCode, ApiOutcome.Of(Ec2Error(new string('A', 65))));
        Assert.Equal(ApiOutcome.InvalidErrorCode, ApiOutcome.Of(Ec2Error(new string('A', 100_000))));
    }

    [Fact]
    public void Of_ServiceErrorWithoutCode_IsTheHttpStatus()
    {
        Assert.Equal("http_503", ApiOutcome.Of(Ec2Error("")));
    }

    [Fact]
    public void Of_FailuresBelowTheService_AreNamedByKind()
    {
        Assert.Equal("timeout", ApiOutcome.Of(new TimeoutException()));
        Assert.Equal("network_error", ApiOutcome.Of(new HttpRequestException()));
        Assert.Equal("client_error", ApiOutcome.Of(new AmazonClientException("unmarshalling failed")));
        Assert.Equal("error", ApiOutcome.Of(new InvalidOperationException()));
    }

    private static AmazonEC2Exception Ec2Error(string code) =>
        new("message", ErrorType.Sender, code, "request-id", HttpStatusCode.ServiceUnavailable);
}
