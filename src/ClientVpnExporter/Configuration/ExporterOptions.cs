namespace ClientVpnExporter.Configuration;

/// <summary>
/// The exporter's settings, bound from the <c>ClientVpn</c> section of <c>appsettings.json</c>, environment
/// variables (<c>ClientVpn__PollInterval</c>) and the command line (<c>--ClientVpn:PollInterval=00:00:30</c>).
/// Every setting is validated at startup; see the README's configuration reference.
/// </summary>
public sealed class ExporterOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "ClientVpn";

    /// <summary>The longest poll interval allowed: half the API's 60-minute window of ended sessions.</summary>
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(30);

    /// <summary>The shortest poll interval allowed.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The shortest health interval allowed.</summary>
    public static readonly TimeSpan MinHealthInterval = TimeSpan.FromSeconds(10);

    /// <summary>The longest health interval allowed: a certificate or CRL is then still seen the day it expires.</summary>
    public static readonly TimeSpan MaxHealthInterval = TimeSpan.FromDays(1);

    /// <summary>AWS regions to read, e.g. <c>us-east-1</c>. Empty: the SDK's default region (AWS_REGION, profile).</summary>
    public List<string> Regions { get; set; } = [];

    /// <summary>
    /// Accounts to read through IAM roles. Empty: one account, the one of the exporter's own credentials.
    /// </summary>
    public List<AccountOptions> Accounts { get; set; } = [];

    /// <summary>Endpoint ids to read. Empty: every endpoint discovery finds.</summary>
    public List<string> EndpointIds { get; set; } = [];

    /// <summary>
    /// Narrows discovery to endpoints whose tags match: every key listed must be present, with one of the listed
    /// values (any value when the list is empty). Matched on the tags DescribeClientVpnEndpoints returns.
    /// </summary>
    public Dictionary<string, List<string>> EndpointTags { get; set; } = [];

    /// <summary>How often AWS is polled. Scrapes never call AWS; they read the last poll.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>MaxResults for each Describe call, 5 to 1000. The largest page makes the fewest calls.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>How many endpoints of one target (account and region) are read at the same time.</summary>
    public int MaxConcurrentEndpoints { get; set; } = 4;

    /// <summary>How many targets (account and region) are discovered and read at the same time, each through its own budget.</summary>
    public int MaxConcurrentTargets { get; set; } = 16;

    /// <summary>Sharing the targets among several exporters (a StatefulSet's pods), each reading its share.</summary>
    public ShardingOptions Sharding { get; set; } = new();

    /// <summary>An EC2 API URL to use instead of the region's (a VPC interface endpoint, FIPS, a simulator).</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// How long an endpoint may fail before its gauges (connections, active users, per-user and per-connection
    /// series) stop being exported rather than pretend to be current. Counters stay: they remain true totals.
    /// Null: five poll intervals.
    /// </summary>
    public TimeSpan? StaleAfter { get; set; }

    /// <summary>How often the exporter checks, with DryRun calls, that it may call every action it needs.</summary>
    public TimeSpan PermissionCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often the health loop reads each endpoint's certificates, CRL, SAML providers, subnet associations,
    /// authorization rules and routes: they change slowly, so on a cadence of their own that never delays the poll.
    /// </summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Raised concurrent-connection quotas, for all endpoints or per endpoint id.</summary>
    public ConnectionQuotaOptions ConnectionQuota { get; set; } = new();

    /// <summary>How usernames, common names and client IPs appear in labels.</summary>
    public PrivacyOptions Privacy { get; set; } = new();

    /// <summary>The budget of AWS calls per account and region, and the SDK's retries.</summary>
    public ApiBudgetOptions ApiBudget { get; set; } = new();

    /// <summary>
    /// An STS API URL to use instead of the region's, for assuming roles and finding the account id. Null:
    /// <see cref="ServiceUrl"/> when that is set (one compatible service for both), else the regional STS endpoint.
    /// </summary>
    public string? StsServiceUrl { get; set; }

    /// <summary>Export per-user series (connections by status, traffic totals), keyed by endpoint and user.</summary>
    public bool PerUserMetrics { get; set; }

    /// <summary>Export per-connection series (info, traffic totals, established time), keyed by connection id.</summary>
    public bool PerConnectionMetrics { get; set; }

    /// <summary>
    /// How long the Prometheus exporter reuses its rendering of the exporter's own metrics for further scrapes. Off by
    /// default: the fleet part is rendered once per poll whatever this says, and the own metrics cost tens of
    /// microseconds of CPU per scrape, while a cache could serve poll counters older than the fleet part next to them.
    /// </summary>
    public TimeSpan ScrapeCacheDuration { get; set; } = TimeSpan.Zero;

    /// <summary>How long a user's per-user totals are kept after their last listed connection.</summary>
    public TimeSpan UserRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A file in which the exporter keeps its ledgers (totals, the last counters of each connection, user totals)
    /// after every poll, and from which it continues them after a restart. Null: none, and totals start after a
    /// restart from a baseline of what the API lists then.
    /// </summary>
    public string? StateFile { get; set; }

    /// <summary>An ACM API URL to use instead of the region's (<c>acm.{region}.amazonaws.com</c>). Null: <see cref="ServiceUrl"/> when set.</summary>
    public string? AcmServiceUrl { get; set; }

    /// <summary>An IAM API URL to use instead of the global one (<c>iam.amazonaws.com</c>, signed for us-east-1). Null: <see cref="ServiceUrl"/> when set.</summary>
    public string? IamServiceUrl { get; set; }

    /// <summary>An AWS Organizations API URL to use instead of <c>organizations.us-east-1.amazonaws.com</c>. Null: <see cref="ServiceUrl"/> when set.</summary>
    public string? OrganizationsServiceUrl { get; set; }

    /// <summary>A CloudWatch Logs API URL to use instead of the region's (<c>logs.{region}.amazonaws.com</c>). Null: <see cref="ServiceUrl"/> when set.</summary>
    public string? LogsServiceUrl { get; set; }
    /// <summary>Counting connection attempts from each endpoint's connection log in CloudWatch Logs.</summary>
    public ConnectionLogOptions ConnectionLog { get; set; } = new();

    /// <summary>OTLP push, as the OpenTelemetry environment variables configure it (which win over this section).</summary>
    public OtlpOptions Otlp { get; set; } = new();

    /// <summary><see cref="StaleAfter"/> or its default, five poll intervals (at most <see cref="TimeSpan.MaxValue"/>, for an interval not yet validated).</summary>
    public TimeSpan EffectiveStaleAfter => this.StaleAfter ?? (this.PollInterval <= TimeSpan.MaxValue / 5 ? this.PollInterval * 5 : TimeSpan.MaxValue);
}
