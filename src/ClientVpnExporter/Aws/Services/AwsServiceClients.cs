using Amazon.Runtime;
using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// The clients of the services without an SDK package for one target (account × region): each built on first use, all
/// sharing the target's credentials, HTTP client (so its API budget) and call observer. Example:
/// <c>var certificate = await target.Services.Acm.DescribeCertificateAsync(arn, cancellationToken);</c>
/// </summary>
internal sealed class AwsServiceClients
{
    private readonly ExporterOptions options;
    private readonly string region;
    private readonly Func<HttpClient> http;
    private readonly Func<HttpClient> logsHttp;
    private readonly Func<CancellationToken, Task<ImmutableCredentials>> credentials;
    private readonly Action<string, Exception?> completed;
    private readonly TimeProvider timeProvider;
    private readonly Lazy<AcmClient> acm;
    private readonly Lazy<IamClient> iam;
    private readonly Lazy<OrganizationsClient> organizations;
    private readonly Lazy<LogsClient> logs;

    /// <param name="options">The settings, for the service URLs.</param>
    /// <param name="region">The target's region.</param>
    /// <param name="http">The target's budgeted HTTP client, asked for on the first call.</param>
    /// <param name="credentials">The target's credentials.</param>
    /// <param name="completed">Told of each call once its retries are over (the operation, and the failure or null).</param>
    /// <param name="timeProvider">The clock of signatures and retry delays.</param>
    /// <param name="logsHttp">
    /// The target's HTTP client for CloudWatch Logs, through a budget of its own (AWS meters FilterLogEvents apart from
    /// the other calls); null: <paramref name="http"/>.
    /// </param>
    public AwsServiceClients(
        ExporterOptions options,
        string region,
        Func<HttpClient> http,
        Func<CancellationToken, Task<ImmutableCredentials>> credentials,
        Action<string, Exception?> completed,
        TimeProvider timeProvider,
        Func<HttpClient>? logsHttp = null)
    {
        this.options = options;
        this.region = region;
        this.http = http;
        this.logsHttp = logsHttp ?? http;
        this.credentials = credentials;
        this.completed = completed;
        this.timeProvider = timeProvider;
        this.acm = new(() => new AcmClient(this.Json(AwsService.Acm)));
        this.iam = new(() => new IamClient(this.Query(AwsService.Iam)));
        this.organizations = new(() => new OrganizationsClient(this.Json(AwsService.Organizations)));
        this.logs = new(() => new LogsClient(new JsonServiceClient(this.Signed(AwsService.Logs, this.logsHttp))));
    }

    /// <summary>ACM in the target's region.</summary>
    public AcmClient Acm => this.acm.Value;

    /// <summary>IAM, the partition's global endpoint.</summary>
    public IamClient Iam => this.iam.Value;

    /// <summary>AWS Organizations, the partition's endpoint.</summary>
    public OrganizationsClient Organizations => this.organizations.Value;

    /// <summary>CloudWatch Logs in the target's region.</summary>
    public LogsClient Logs => this.logs.Value;

    /// <summary>A JSON 1.1 client of <paramref name="service"/>, for a call no typed client has yet.</summary>
    public JsonServiceClient Json(AwsService service) => new(this.Signed(service, this.http));

    /// <summary>A query-protocol client of <paramref name="service"/>, for a call no typed client has yet.</summary>
    public QueryServiceClient Query(AwsService service) => new(this.Signed(service, this.http));

    private SignedServiceClient Signed(AwsService service, Func<HttpClient> client)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new(service, service.EndpointFor(this.options, this.region), client(), this.credentials, this.completed, this.timeProvider);
    }
}
