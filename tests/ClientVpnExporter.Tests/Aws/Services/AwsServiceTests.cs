using ClientVpnExporter.Aws.Services;
using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Tests.Aws.Services;

public sealed class AwsServiceTests
{
    public static TheoryData<string, string, string, string> DefaultEndpoints => new()
    {
        { "acm", "eu-west-1", "https://acm.eu-west-1.amazonaws.com/", "eu-west-1" },
        { "logs", "ap-southeast-2", "https://logs.ap-southeast-2.amazonaws.com/", "ap-southeast-2" },
        { "iam", "eu-west-1", "https://iam.amazonaws.com/", "us-east-1" },
        { "organizations", "eu-west-1", "https://organizations.us-east-1.amazonaws.com/", "us-east-1" },
        { "acm", "cn-north-1", "https://acm.cn-north-1.amazonaws.com.cn/", "cn-north-1" },
        { "iam", "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1" },
        { "organizations", "cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1" },
        { "iam", "us-gov-east-1", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1" },
        { "organizations", "us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com/", "us-gov-west-1" },
    };

    [Theory]
    [MemberData(nameof(DefaultEndpoints))]
    public void EndpointFor_NoUrlSet_IsTheAwsHostAndSigningRegion(string service, string region, string url, string signingRegion)
    {
        var endpoint = Service(service).EndpointFor(new ExporterOptions(), region);

        Assert.Equal(new ServiceEndpoint(new Uri(url), signingRegion), endpoint);
    }

    [Fact]
    public void EndpointFor_OnlyServiceUrlSet_SendsEveryServiceThereSigningGlobalOnesForUsEast1()
    {
        var options = new ExporterOptions { ServiceUrl = "http://127.0.0.1:4566" };

        Assert.Equal(new ServiceEndpoint(new Uri("http://127.0.0.1:4566"), "eu-west-1"), AwsService.Acm.EndpointFor(options, "eu-west-1"));
        Assert.Equal(new ServiceEndpoint(new Uri("http://127.0.0.1:4566"), "us-east-1"), AwsService.Iam.EndpointFor(options, "eu-west-1"));
        Assert.Equal(new ServiceEndpoint(new Uri("http://127.0.0.1:4566"), "us-east-1"), AwsService.Organizations.EndpointFor(options, "eu-west-1"));
    }

    [Fact]
    public void EndpointFor_ServiceUrlAndItsOwnUrlSet_UsesItsOwn()
    {
        var options = new ExporterOptions
        {
            ServiceUrl = "http://127.0.0.1:4566",
            AcmServiceUrl = "https://vpce-acm.example/",
            IamServiceUrl = "https://vpce-iam.example/",
            OrganizationsServiceUrl = "https://vpce-org.example/",
            LogsServiceUrl = "https://vpce-logs.example/",
        };

        Assert.Equal(new Uri("https://vpce-acm.example/"), AwsService.Acm.EndpointFor(options, "eu-west-1").Url);
        Assert.Equal(new Uri("https://vpce-iam.example/"), AwsService.Iam.EndpointFor(options, "eu-west-1").Url);
        Assert.Equal(new Uri("https://vpce-org.example/"), AwsService.Organizations.EndpointFor(options, "eu-west-1").Url);
        Assert.Equal(new Uri("https://vpce-logs.example/"), AwsService.Logs.EndpointFor(options, "eu-west-1").Url);
    }

    [Theory]
    [InlineData("AcmServiceUrl")]
    [InlineData("IamServiceUrl")]
    [InlineData("OrganizationsServiceUrl")]
    [InlineData("LogsServiceUrl")]
    public void Validate_ServiceUrlNotHttp_FailsNamingTheSetting(string setting)
    {
        var options = new ExporterOptions { Regions = ["eu-west-1"] };
        typeof(ExporterOptions).GetProperty(setting)!.SetValue(options, "ftp://acm.example");

        var result = new ExporterOptionsValidator().Validate(null, options);

        Assert.Equal([$"ClientVpn:{setting} must be an absolute http:// or https:// URL (got 'ftp://acm.example')."], result.Failures);
    }

    private static AwsService Service(string name) => name switch
    {
        "acm" => AwsService.Acm,
        "iam" => AwsService.Iam,
        "organizations" => AwsService.Organizations,
        _ => AwsService.Logs,
    };
}
