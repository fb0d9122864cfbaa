using System.Collections.Concurrent;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Metrics;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Aws;

/// <summary>
/// One <see cref="AmazonEC2Client"/> per region, every request through the region's <see cref="ApiBudget"/>,
/// with the SDK's adaptive retry mode (jittered exponential backoff, slowing down when throttled) and credentials from the SDK's default chain unless the host registered others (the demo does).
/// </summary>
internal sealed class Ec2ClientSource : IEc2ClientSource, IDisposable
{
    private readonly ConcurrentDictionary<string, AmazonEC2Client> clients = new(StringComparer.Ordinal);
    private readonly ExporterOptions options;
    private readonly ConcurrentDictionary<string, ApiBudget> budgets = new(StringComparer.Ordinal);
    private readonly AWSCredentials? credentials;
    private readonly ExporterSelfMetrics selfMetrics;

    public Ec2ClientSource(IOptions<ExporterOptions> options, ExporterSelfMetrics selfMetrics, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.selfMetrics = selfMetrics;
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

        foreach (var budget in this.budgets.Values)
        {
            budget.Dispose();
        }
    }

    private AmazonEC2Client Create(string region)
    {
        const string accountId = "";
        var budget = this.budgets.GetOrAdd(region, _ => new ApiBudget(this.options.ApiBudget));
        var config = new AmazonEC2Config
        {
            // Adaptive: the standard mode's jittered exponential backoff, plus client-side rate limiting that
            // slows the exporter down while AWS answers RequestLimitExceeded.
            RetryMode = RequestRetryMode.Adaptive,
            MaxErrorRetry = this.options.ApiBudget.MaxRetries,
            HttpClientFactory = new BudgetedHttpClientFactory(budget, this.selfMetrics, region, accountId, this.options.ApiBudget.RequestTimeout),
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
