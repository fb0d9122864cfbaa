using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// An AWS service the exporter calls without an SDK package (none is served for them): its protocol, its signing name,
/// its default endpoint and the setting that overrides it.
/// </summary>
internal sealed class AwsService
{
    /// <summary>AWS Certificate Manager, JSON 1.1, regional.</summary>
    public static readonly AwsService Acm = new(
        "acm",
        "CertificateManager",
        null,
        options => options.AcmServiceUrl,
        region => Regional("acm", region));

    /// <summary>IAM, query protocol, one global endpoint per partition signed for its region (us-east-1).</summary>
    public static readonly AwsService Iam = new(
        "iam",
        null,
        "2010-05-08",
        options => options.IamServiceUrl,
        region => new(new Uri("https://" + AwsPartition.Of(region).IamHost + "/"), AwsPartition.Of(region).IamSigningRegion),
        isGlobal: true);

    /// <summary>AWS Organizations, JSON 1.1, one endpoint per partition (us-east-1).</summary>
    public static readonly AwsService Organizations = new(
        "organizations",
        "AWSOrganizationsV20161128",
        null,
        options => options.OrganizationsServiceUrl,
        region => Regional("organizations", AwsPartition.Of(region).OrganizationsRegion),
        isGlobal: true);

    /// <summary>Amazon CloudWatch Logs, JSON 1.1, regional.</summary>
    public static readonly AwsService Logs = new(
        "logs",
        "Logs_20140328",
        null,
        options => options.LogsServiceUrl,
        region => Regional("logs", region));

    private readonly Func<ExporterOptions, string?> configuredUrl;
    private readonly Func<string, ServiceEndpoint> defaultEndpoint;

    private AwsService(
        string signingName,
        string? jsonTargetPrefix,
        string? queryApiVersion,
        Func<ExporterOptions, string?> configuredUrl,
        Func<string, ServiceEndpoint> defaultEndpoint,
        bool isGlobal = false)
    {
        this.SigningName = signingName;
        this.JsonTargetPrefix = jsonTargetPrefix;
        this.QueryApiVersion = queryApiVersion;
        this.configuredUrl = configuredUrl;
        this.defaultEndpoint = defaultEndpoint;
        this.IsGlobal = isGlobal;
    }

    /// <summary>The name in the credential scope and in the default host: <c>acm</c>, <c>iam</c>.</summary>
    public string SigningName { get; }

    /// <summary>The JSON protocol's <c>X-Amz-Target</c> prefix (<c>CertificateManager</c>); null for a query-protocol service.</summary>
    public string? JsonTargetPrefix { get; }

    /// <summary>The query protocol's <c>Version</c> parameter (<c>2010-05-08</c>); null for a JSON-protocol service.</summary>
    public string? QueryApiVersion { get; }

    /// <summary>Whether the service has one endpoint per partition rather than one per region.</summary>
    public bool IsGlobal { get; }

    /// <summary>
    /// Where the calls of a target in <paramref name="region"/> go: the service's own URL setting, else
    /// <c>ClientVpn:ServiceUrl</c>, else the AWS host; a set URL is signed for the target's region, or for the
    /// partition's signing region (us-east-1) when the service is global.
    /// </summary>
    public ServiceEndpoint EndpointFor(ExporterOptions options, string region)
    {
        ArgumentNullException.ThrowIfNull(options);
        var standard = this.defaultEndpoint(region);
        return (this.configuredUrl(options) ?? options.ServiceUrl) is { } url
            ? new(new Uri(url), this.IsGlobal ? standard.SigningRegion : region)
            : standard;
    }

    public override string ToString() => this.SigningName;

    private static ServiceEndpoint Regional(string name, string region) =>
        new(new Uri($"https://{name}.{region}.{AwsPartition.Of(region).DnsSuffix}/"), region);
}
