using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using ClientVpnExporter.Aws.Services;
using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Aws;

/// <summary>
/// One <see cref="AmazonEC2Client"/> per account and region. Every request goes through that account and
/// region's <see cref="ApiBudget"/>, which slows down while AWS throttles, with the SDK's standard retry mode
/// (jittered exponential backoff). Credentials: the SDK's default chain (or what the host registered, as the demo does)
/// for the exporter's own account, and roles assumed with STS, renewed before they expire, for the others. Each target's
/// service clients (<see cref="AwsServiceClients"/>: ACM, IAM, Organizations, CloudWatch Logs) share its credentials, HTTP client and budget.
/// With sharding, only the targets this shard owns (<see cref="ShardAssignment"/>) get a client.
/// </summary>
internal sealed class AwsTargets : IAwsTargets, IDisposable
{
    private readonly ExporterOptions options;
    private readonly AWSCredentials? baseCredentials;
    private readonly AwsApiMetrics metrics;
    private readonly TimeProvider timeProvider;
    private readonly DefaultAWSCredentialsIdentityResolver defaultCredentials = new();
    private readonly List<IDisposable> owned = [];

    public AwsTargets(IOptions<ExporterOptions> options, AwsApiMetrics metrics, ShardAssignment shards, AWSCredentials? credentials = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shards);
        this.options = options.Value;
        this.metrics = metrics;
        this.baseCredentials = credentials;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.owned.Add(this.defaultCredentials);
        var configured = Configured(this.options);
        this.Seen = configured.Count;
        this.Targets = this.BuildTargets([.. configured.Where(t => shards.Owns(t.Account?.RoleArn ?? AwsAccounts.Default, t.Region))]);
    }

    public IReadOnlyList<AwsTarget> Targets { get; }

    public int Seen { get; }

    public void Dispose()
    {
        foreach (var disposable in this.owned)
        {
            disposable.Dispose();
        }
    }

    /// <summary>The account and region of each target <paramref name="options"/> configure (null account: the exporter's own), without building any client.</summary>
    public static List<(AccountOptions? Account, string Region)> Configured(ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaultRegions = ConfiguredRegions.Resolve(options);
        return options.Accounts.Count == 0
            ? [.. defaultRegions.Select(region => ((AccountOptions?)null, region))]
            : [.. options.Accounts.SelectMany(account => (account.Regions.Count > 0 ? account.Regions.Distinct(StringComparer.Ordinal).ToList() : defaultRegions)
                .Select(region => ((AccountOptions?)account, region)))];
    }

    private List<AwsTarget> BuildTargets(List<(AccountOptions? Account, string Region)> configured)
    {
        var targets = new List<AwsTarget>();
        foreach (var group in configured.GroupBy(t => t.Account))
        {
            var regions = group.Select(t => t.Region).ToList();
            if (group.Key is not { } account)
            {
                targets.AddRange(regions.Select(region => this.Target(AwsAccounts.Default, region, this.baseCredentials)));
                continue;
            }

            var credentials = new AssumedRoleCredentials(StsClients.Create(this.options, this.baseCredentials, regions[0]), account.RoleArn, account.SessionName, account.ExternalId);
            this.owned.Add(credentials);
            targets.AddRange(regions.Select(region => this.Target(account.RoleArn, region, credentials)));
        }

        return targets;
    }

    private AwsTarget Target(string accountKey, string region, AWSCredentials? credentials) =>
        new(accountKey, region, target =>
        {
            var budget = new ApiBudget(this.options.ApiBudget);
            this.owned.Add(budget);
            var httpClientFactory = new BudgetedHttpClientFactory(budget, this.metrics, target, this.options.ApiBudget.RequestTimeout);
            this.owned.Add(httpClientFactory);
            var client = this.Connect(target, credentials, httpClientFactory);

            // CloudWatch Logs meters FilterLogEvents on its own quota, so its calls take from a bucket of their own.
            var logsBudget = new ApiBudget(new ApiBudgetOptions { RequestsPerSecond = this.options.ConnectionLog.RequestsPerSecond, Burst = this.options.ConnectionLog.Burst });
            this.owned.Add(logsBudget);
            var logsHttp = new BudgetedHttpClientFactory(logsBudget, this.metrics, target, this.options.ApiBudget.RequestTimeout);
            this.owned.Add(logsHttp);
            return (client, this.ServicesOf(target, client, credentials, httpClientFactory, logsHttp));
        });

    private AwsServiceClients ServicesOf(AwsTarget target, AmazonEC2Client client, AWSCredentials? credentials, BudgetedHttpClientFactory http, BudgetedHttpClientFactory logsHttp) =>
        new(
            this.options,
            target.Region,
            () => http.Client,
            async cancellationToken =>
            {
                // The EC2 client's own credentials: the role's, or the SDK's default chain as its config resolves it.
                var source = credentials ?? await this.defaultCredentials.ResolveIdentityAsync(client.Config, cancellationToken);
                return await source.GetCredentialsAsync();
            },
            (operation, failure) => this.metrics.Request(target, operation, failure is null ? ApiOutcome.Success : ApiOutcome.Of(failure)),
            this.timeProvider,
            () => logsHttp.Client);

    private AmazonEC2Client Connect(AwsTarget target, AWSCredentials? credentials, BudgetedHttpClientFactory httpClientFactory)
    {
        var config = new AmazonEC2Config
        {
            // Standard: jittered exponential backoff. Not adaptive: its client-side limiter fails other
            // endpoints' first requests outright once one endpoint is throttled; the budget slows down instead.
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = this.options.ApiBudget.MaxRetries,
            HttpClientFactory = httpClientFactory,
        };

        if (this.options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = target.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(target.Region);
        }

        var client = credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(credentials, config);
        this.owned.Add(client);
        return client;
    }
}
