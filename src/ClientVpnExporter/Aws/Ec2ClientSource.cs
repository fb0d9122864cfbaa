using System.Collections.Concurrent;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Aws;

/// <summary>
/// One <see cref="AmazonEC2Client"/> per region, with the SDK's standard retry mode (jittered exponential
/// backoff) and credentials from the SDK's default chain unless the host registered others (the demo does).
/// </summary>
internal sealed class Ec2ClientSource : IEc2ClientSource, IDisposable
{
    private readonly ConcurrentDictionary<string, AmazonEC2Client> clients = new(StringComparer.Ordinal);
    private readonly ExporterOptions options;
    private readonly AWSCredentials? credentials;

    public Ec2ClientSource(IOptions<ExporterOptions> options, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.credentials = credentials;
        this.Regions = ResolveRegions(this.options);
    }

    public IReadOnlyList<string> Regions { get; }

    public IAmazonEC2 For(string region) => this.clients.GetOrAdd(region, this.Create);

    /// <summary>The configured regions, else the SDK's default region (AWS_REGION, the profile).</summary>
    public static IReadOnlyList<string> ResolveRegions(ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Regions.Count > 0)
        {
            return options.Regions.Distinct(StringComparer.Ordinal).ToList();
        }

        var fallback = FallbackRegionFactory.GetRegionEndpoint();
        return fallback is null ? [] : [fallback.SystemName];
    }

    public void Dispose()
    {
        foreach (var client in this.clients.Values)
        {
            client.Dispose();
        }
    }

    private AmazonEC2Client Create(string region)
    {
        var config = new AmazonEC2Config
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 3,
            Timeout = TimeSpan.FromSeconds(30),
        };

        if (this.options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return this.credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(this.credentials, config);
    }
}
