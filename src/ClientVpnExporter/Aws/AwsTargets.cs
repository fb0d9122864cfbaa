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
/// With sharding, only the targets this shard owns (<see cref="ShardAssignment"/>) get a client. Configured targets are
/// built once; an organisation's are replaced by each refresh (<see cref="Replace"/>), keeping the clients of the targets
/// that stay.
/// </summary>
internal sealed class AwsTargets : IAwsTargets, IDisposable
{
    /// <summary>The targets an organisation's exporter provisions its AWS call instruments for (a shard of a larger one reads fewer).</summary>
    public const int OrganizationTargetsProvisioned = 1000;

    private readonly ExporterOptions options;
    private readonly AWSCredentials? baseCredentials;
    private readonly AwsApiMetrics metrics;
    private readonly ShardAssignment shards;
    private readonly TimeProvider timeProvider;
    private readonly DefaultAWSCredentialsIdentityResolver defaultCredentials = new();
    private readonly List<IDisposable> owned = [];
    private readonly Dictionary<string, BuiltTarget> built = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AssumedRoleCredentials> roles = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource known = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock sync = new();
    private List<IDisposable> retiring = [];
    private volatile Snapshot current;

    public AwsTargets(IOptions<ExporterOptions> options, AwsApiMetrics metrics, ShardAssignment shards, AWSCredentials? credentials = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shards);
        this.options = options.Value;
        this.metrics = metrics;
        this.shards = shards;
        this.baseCredentials = credentials;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.owned.Add(this.defaultCredentials);
        if (this.Discovered)
        {
            this.current = new Snapshot([], 0);
            return;
        }

        var configured = Configured(this.options);
        this.current = new Snapshot(this.BuildTargets([.. configured.Where(t => shards.Owns(t.Account?.RoleArn ?? AwsAccounts.Default, t.Region))]), configured.Count);
        this.known.SetResult();
    }

    public IReadOnlyList<AwsTarget> Targets => this.current.Targets;

    public int Seen => this.current.Seen;

    public bool Discovered => this.options.Organization.Enabled;

    public Task WaitKnownAsync(CancellationToken cancellationToken) => this.known.Task.WaitAsync(cancellationToken);

    public void Dispose()
    {
        foreach (var disposable in this.owned.Concat(this.built.Values.SelectMany(t => t.Owned)).Concat(this.roles.Values).Concat(this.retiring))
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

    /// <summary>
    /// How many targets the AWS call instruments must have room for: the configured ones, or with an organisation, whose
    /// targets are not known at startup, <see cref="OrganizationTargetsProvisioned"/>.
    /// </summary>
    public static int Provisioned(ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Organization.Enabled ? OrganizationTargetsProvisioned : Configured(options).Count;
    }

    /// <summary>
    /// The target of <paramref name="roleArn"/> in <paramref name="region"/> for calls outside the poll (DescribeRegions), with
    /// the organisation's role session: the poll's own target when it reads that account and region. Kept while the account is.
    /// </summary>
    public AwsTarget For(string roleArn, string region)
    {
        lock (this.sync)
        {
            return this.BuiltFor(roleArn, region).Target;
        }
    }

    /// <summary>
    /// Makes <paramref name="all"/> (every account's role ARN and region of the organisation, before sharding) the targets:
    /// the ones this shard owns are read from the next poll on. Targets that stay keep their clients and budgets; the clients
    /// of those that go are disposed at the next replacement, after any poll still reading them has ended.
    /// </summary>
    public void Replace(IReadOnlyCollection<(string RoleArn, string Region)> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        lock (this.sync)
        {
            var targets = all.Where(t => this.shards.Owns(t.RoleArn, t.Region)).Select(t => this.BuiltFor(t.RoleArn, t.Region)).ToList();
            var accounts = all.Select(t => t.RoleArn).ToHashSet(StringComparer.Ordinal);
            var keep = targets.Select(t => t.Target.Key).ToHashSet(StringComparer.Ordinal);
            var home = ConfiguredRegions.Home(this.options);

            // DescribeRegions' target stays as long as its account does.
            var going = this.built.Values.Where(b => !keep.Contains(b.Target.Key) && !(accounts.Contains(b.Target.AccountKey) && b.Target.Region == home)).ToList();
            var goingRoles = this.roles.Keys.Where(r => !accounts.Contains(r)).ToList();
            foreach (var disposable in this.retiring)
            {
                disposable.Dispose();
            }

            this.retiring = [.. going.SelectMany(b => b.Owned), .. goingRoles.Select(r => this.roles[r])];
            foreach (var gone in going)
            {
                this.built.Remove(gone.Target.Key);
            }

            foreach (var role in goingRoles)
            {
                this.roles.Remove(role);
            }

            this.current = new Snapshot([.. targets.Select(t => t.Target)], all.Count);
        }

        this.known.TrySetResult();
    }

    /// <summary>Says the targets are known though no refresh succeeded: the poll then reads none rather than wait.</summary>
    public void KnownEmpty() => this.known.TrySetResult();

    /// <summary>
    /// The target that reads AWS Organizations: the exporter's own credentials, or the management role when one is set. It
    /// is none of the poll's targets, but counted and budgeted like one.
    /// </summary>
    public AwsTarget Management()
    {
        var region = ConfiguredRegions.Home(this.options);
        if (this.options.Organization.ManagementRoleArn is not { } roleArn)
        {
            return this.Target(AwsAccounts.Default, region, this.baseCredentials, this.owned);
        }

        var credentials = new AssumedRoleCredentials(StsClients.Create(this.options, this.baseCredentials, region), roleArn, this.options.Organization.SessionName, null);
        this.owned.Add(credentials);
        return this.Target(roleArn, region, credentials, this.owned);
    }

    private BuiltTarget BuiltFor(string roleArn, string region)
    {
        var key = AwsTarget.KeyOf(roleArn, region);
        if (this.built.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (!this.roles.TryGetValue(roleArn, out var credentials))
        {
            var organization = this.options.Organization;
            credentials = new AssumedRoleCredentials(StsClients.Create(this.options, this.baseCredentials, region), roleArn, organization.SessionName, organization.ExternalId);
            this.roles[roleArn] = credentials;
        }

        var disposables = new List<IDisposable>();
        var made = new BuiltTarget(this.Target(roleArn, region, credentials, disposables), disposables);
        this.built[key] = made;
        return made;
    }

    private List<AwsTarget> BuildTargets(List<(AccountOptions? Account, string Region)> configured)
    {
        var targets = new List<AwsTarget>();
        foreach (var group in configured.GroupBy(t => t.Account))
        {
            var regions = group.Select(t => t.Region).ToList();
            if (group.Key is not { } account)
            {
                targets.AddRange(regions.Select(region => this.Target(AwsAccounts.Default, region, this.baseCredentials, this.owned)));
                continue;
            }

            var credentials = new AssumedRoleCredentials(StsClients.Create(this.options, this.baseCredentials, regions[0]), account.RoleArn, account.SessionName, account.ExternalId);
            this.owned.Add(credentials);
            targets.AddRange(regions.Select(region => this.Target(account.RoleArn, region, credentials, this.owned)));
        }

        return targets;
    }

    private AwsTarget Target(string accountKey, string region, AWSCredentials? credentials, List<IDisposable> disposables) =>
        new(accountKey, region, target =>
        {
            var budget = new ApiBudget(this.options.ApiBudget);
            disposables.Add(budget);
            var httpClientFactory = new BudgetedHttpClientFactory(budget, this.metrics, target, this.options.ApiBudget.RequestTimeout);
            disposables.Add(httpClientFactory);
            var client = this.Connect(target, credentials, httpClientFactory);
            disposables.Add(client);

            // CloudWatch Logs meters FilterLogEvents on its own quota, so its calls take from a bucket of their own.
            var logsBudget = new ApiBudget(new ApiBudgetOptions { RequestsPerSecond = this.options.ConnectionLog.RequestsPerSecond, Burst = this.options.ConnectionLog.Burst });
            disposables.Add(logsBudget);
            var logsHttp = new BudgetedHttpClientFactory(logsBudget, this.metrics, target, this.options.ApiBudget.RequestTimeout);
            disposables.Add(logsHttp);
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

        return credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(credentials, config);
    }

    /// <summary>The targets read now and how many there are before sharding, swapped together.</summary>
    private sealed record Snapshot(IReadOnlyList<AwsTarget> Targets, int Seen);

    /// <summary>A target and what was made for it alone (its budget, HTTP client factory, EC2 client), disposed when it goes.</summary>
    private sealed record BuiltTarget(AwsTarget Target, List<IDisposable> Owned);
}
