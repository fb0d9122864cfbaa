using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Aws;

/// <summary>STS clients as the exporter's settings ask: standard retries, the request timeout, and the STS or service URL if set.</summary>
internal static class StsClients
{
    public static AmazonSecurityTokenServiceClient Create(ExporterOptions options, AWSCredentials? credentials, string region, int? maxRetries = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonSecurityTokenServiceConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = maxRetries ?? options.ApiBudget.MaxRetries,
            Timeout = options.ApiBudget.RequestTimeout,
        };

        if ((options.StsServiceUrl ?? options.ServiceUrl) is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return credentials is null ? new AmazonSecurityTokenServiceClient(config) : new AmazonSecurityTokenServiceClient(credentials, config);
    }
}
