using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Aws;

/// <summary>
/// One <see cref="AmazonEC2Client"/> per account and region. Every request goes through that account and
/// region's <see cref="ApiBudget"/>, which slows down while AWS throttles, with the SDK's standard retry mode
/// (jittered exponential backoff). Credentials: the SDK's default chain (or what the host registered, as the demo does)
/// for the exporter's own account, and roles assumed with STS, renewed before they expire, for the others.
/// </summary>
internal sealed partial class Ec2ClientSource : IEc2ClientSource, IDisposable
{
    private static readonly TimeSpan IdentityRetryInterval = TimeSpan.FromMinutes(5);

    private readonly ExporterOptions options;
    private readonly AWSCredentials? baseCredentials;
    private readonly ExporterSelfMetrics selfMetrics;
    private readonly ILogger<Ec2ClientSource> logger;
    private readonly List<IDisposable> owned = [];
    private readonly Dictionary<string, AccountLabel> accountLabels = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim identityGate = new(1, 1);
    private readonly TimeProvider timeProvider;
    private bool identityFailureLogged;
    private DateTimeOffset nextIdentityAttempt = DateTimeOffset.MinValue;

    public Ec2ClientSource(IOptions<ExporterOptions> options, ExporterSelfMetrics selfMetrics, TimeProvider timeProvider, ILogger<Ec2ClientSource> logger, AWSCredentials? credentials = null)
    {
        this.timeProvider = timeProvider;
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.selfMetrics = selfMetrics;
        this.logger = logger;
        this.baseCredentials = credentials;
        this.Targets = this.BuildTargets();
    }

    public IReadOnlyList<AwsTarget> Targets { get; }

    public async Task<string> AccountIdAsync(AwsTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var label = this.accountLabels[target.Account];
        if (label.Value.Length > 0)
        {
            return label.Value;
        }

        await this.identityGate.WaitAsync(cancellationToken);
        try
        {
            // A failed lookup is not retried on every poll: the label can wait, the poll cannot.
            if (label.Value.Length == 0 && this.timeProvider.GetUtcNow() >= this.nextIdentityAttempt)
            {
                this.nextIdentityAttempt = this.timeProvider.GetUtcNow() + IdentityRetryInterval;
                using var sts = this.CreateSts(this.baseCredentials, target.Region, maxRetries: 1);
                var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
                label.Value = identity.Account ?? "";
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!this.identityFailureLogged)
            {
                this.identityFailureLogged = true;
                this.LogIdentityFailed(ApiOutcome.Of(ex), ex.Message);
            }
        }
        finally
        {
            this.identityGate.Release();
        }

        return label.Value;
    }

    public void Dispose()
    {
        foreach (var disposable in this.owned)
        {
            disposable.Dispose();
        }

        this.identityGate.Dispose();
    }

    private List<AwsTarget> BuildTargets()
    {
        var targets = new List<AwsTarget>();
        var defaultRegions = ConfiguredRegions.Resolve(this.options);
        if (this.options.Accounts.Count == 0)
        {
            this.accountLabels[AwsAccounts.Default] = new AccountLabel("");
            targets.AddRange(defaultRegions.Select(region => this.Target(AwsAccounts.Default, region, this.baseCredentials)));
            return targets;
        }

        foreach (var account in this.options.Accounts)
        {
            var regions = account.Regions.Count > 0 ? account.Regions.Distinct(StringComparer.Ordinal).ToList() : defaultRegions;
            if (regions.Count == 0)
            {
                continue;
            }

            this.accountLabels[account.RoleArn] = new AccountLabel(AwsAccounts.AccountIdOf(account.RoleArn) ?? "");
            var credentials = new AssumedRoleCredentials(this.CreateSts(this.baseCredentials, regions[0]), account.RoleArn, account.SessionName, account.ExternalId);
            this.owned.Add(credentials);
            targets.AddRange(regions.Select(region => this.Target(account.RoleArn, region, credentials)));
        }

        return targets;
    }

    private AwsTarget Target(string account, string region, AWSCredentials? credentials)
    {
        var budget = new ApiBudget(this.options.ApiBudget);
        this.owned.Add(budget);
        var httpClientFactory = new BudgetedHttpClientFactory(budget, this.selfMetrics, region, this.accountLabels[account], this.options.ApiBudget.RequestTimeout);
        this.owned.Add(httpClientFactory);
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
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        var client = credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(credentials, config);
        this.owned.Add(client);
        return new AwsTarget(account, region, client);
    }

    private AmazonSecurityTokenServiceClient CreateSts(AWSCredentials? credentials, string region, int? maxRetries = null)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = maxRetries ?? this.options.ApiBudget.MaxRetries,
            Timeout = this.options.ApiBudget.RequestTimeout,
        };

        if ((this.options.StsServiceUrl ?? this.options.ServiceUrl) is { } serviceUrl)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not learn the exporter's own AWS account id from STS GetCallerIdentity ({ErrorCode}): {Reason}. The account_id label stays empty until it works.")]
    private partial void LogIdentityFailed(LogText errorCode, LogText reason);
}
