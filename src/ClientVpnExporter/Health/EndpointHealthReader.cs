using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Diagnostics;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Health;

/// <summary>
/// Reads one endpoint's health, each resource on its own, so one that fails keeps the others working: a read that
/// fails keeps that resource's last values (logged when its error code changes, as the poll does for connections); a
/// read that is not permitted leaves them out, and the denial is reported to the permission gauge, which logs it once
/// naming the IAM action to grant; a CRL that does not decode is counted as a parse error and keeps the last values.
/// </summary>
internal sealed partial class EndpointHealthReader(
    IClientVpnHealthApi ec2,
    IPermissionObserver permissions,
    ParseMetrics parseMetrics,
    IOptions<ExporterOptions> options,
    TimeProvider timeProvider,
    ILogger<EndpointHealthReader> logger)
{
    /// <summary>The failure code of a CRL that does not decode, and the <c>field</c> its parse errors are counted under.</summary>
    public const string CrlParseError = "crl_parse_error";

    /// <summary>The <c>field</c> label of a CRL's parse errors in <c>clientvpn_exporter_parse_errors_total</c>: the API's field name.</summary>
    public const string CrlField = "certificateRevocationList";

    /// <summary>The authentication type with a client root certificate chain and a CRL.</summary>
    private const string CertificateAuthentication = "certificate-authentication";

    /// <summary>How many statuses outside the documented ones a rule or route count keeps (an API that is not AWS could name any).</summary>
    private const int MaxOtherStatuses = 8;

    private const int MaxLabelLength = 64;

    private readonly IClientVpnHealthApi ec2 = ec2;
    private readonly IPermissionObserver permissions = permissions;
    private readonly ParseMetrics parseMetrics = parseMetrics;
    private readonly TimeProvider timeProvider = timeProvider;
    private readonly ILogger<EndpointHealthReader> logger = logger;
    private readonly ConnectionQuotaOptions quotas = options.Value.ConnectionQuota;

    /// <summary>Reads every resource of <paramref name="subject"/> that applies to it, from <paramref name="previous"/> (null the first time).</summary>
    public async Task<HealthReading> ReadAsync(HealthSubject subject, HealthReading? previous, HealthCycleCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(cache);
        var read = new Reads(this, subject, previous ?? new HealthReading(), cancellationToken);
        var (target, endpoint) = (subject.Target, subject.Description);
        var id = endpoint.EndpointId;

        var certificates = HasCertificates(endpoint)
            ? await read.ResourceAsync(HealthResource.Certificates, read.Last.Certificates, [], () => ReadCertificatesAsync(subject, cache, cancellationToken))
            : [];
        var crl = endpoint.Authentication.Contains(CertificateAuthentication, StringComparison.Ordinal)
            ? await read.ResourceAsync(HealthResource.Crl, read.Last.Crl, null, () => this.ReadCrlAsync(subject, cancellationToken))
            : null;
        var samlProviders = HasSamlProviders(endpoint)
            ? await read.ResourceAsync(HealthResource.SamlProviders, read.Last.SamlProviders, [], () => ReadSamlProvidersAsync(subject, cache, cancellationToken))
            : [];
        var targetNetworks = await read.ResourceAsync(HealthResource.TargetNetworks, read.Last.TargetNetworks, null, async () =>
            (IReadOnlyList<TargetNetworkReading>?)await this.ec2.TargetNetworksAsync(target, id, cancellationToken));
        var rules = await read.ResourceAsync(HealthResource.AuthorizationRules, read.Last.AuthorizationRules, null, async () =>
            (IReadOnlyList<StatusCount>?)Count(await this.ec2.AuthorizationRuleStatusesAsync(target, id, cancellationToken), HealthStatuses.AuthorizationRule));
        var routes = await read.ResourceAsync(HealthResource.Routes, read.Last.Routes, null, async () =>
            (IReadOnlyList<StatusCount>?)Count(await this.ec2.RouteStatusesAsync(target, id, cancellationToken), HealthStatuses.Route));

        return new HealthReading
        {
            Certificates = certificates,
            Crl = crl,
            SamlProviders = samlProviders,
            TargetNetworks = targetNetworks,
            AuthorizationRules = rules,
            Routes = routes,
            ConnectionQuota = ConnectionQuota.Of(id, targetNetworks?.Count(n => n.Status == HealthStatuses.Associated), this.quotas),
            Reads = read.Done,
        };
    }

    /// <summary>Counts <paramref name="statuses"/> by status: every one of <paramref name="known"/> (0 where none), then the few others met.</summary>
    public static IReadOnlyList<StatusCount> Count(IReadOnlyList<string> statuses, IReadOnlyList<string> known)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(known);
        var counts = known.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        foreach (var status in statuses)
        {
            if (counts.ContainsKey(status) || (counts.Count < known.Count + MaxOtherStatuses && IsLabel(status)))
            {
                counts[status] = counts.GetValueOrDefault(status) + 1;
            }
        }

        return [.. counts.Select(c => new StatusCount(c.Key, c.Value))];
    }

    /// <summary>ACM's spelling as a label value: <c>AMAZON_ISSUED</c> → <c>amazon_issued</c>; empty for what is not a code.</summary>
    public static string LabelOf(string? value)
    {
        var lower = (value ?? "").ToLowerInvariant();
        return IsLabel(lower) ? lower : "";
    }

    private static bool IsLabel(string value) =>
        value.Length is > 0 and <= MaxLabelLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static bool HasCertificates(EndpointDescription endpoint) =>
        endpoint.ServerCertificateArn.Length > 0 || endpoint.ClientRootCertificateChainArn.Length > 0;

    private static bool HasSamlProviders(EndpointDescription endpoint) =>
        endpoint.SamlProviderArn.Length > 0 || endpoint.SelfServiceSamlProviderArn.Length > 0;

    private static async Task<IReadOnlyList<CertificateReading>> ReadCertificatesAsync(HealthSubject subject, HealthCycleCache cache, CancellationToken cancellationToken)
    {
        var found = new List<CertificateReading>();
        foreach (var (certificate, arn) in new[] { (CertificateReading.Server, subject.Description.ServerCertificateArn), (CertificateReading.ClientRoot, subject.Description.ClientRootCertificateChainArn) })
        {
            if (arn.Length > 0)
            {
                var details = await cache.CertificateAsync(subject.Target, arn, cancellationToken);
                found.Add(new CertificateReading(certificate, arn, details.NotAfter, LabelOf(details.Status), LabelOf(details.Type), LabelOf(details.RenewalEligibility)));
            }
        }

        return found;
    }

    private static async Task<IReadOnlyList<SamlProviderReading>> ReadSamlProvidersAsync(HealthSubject subject, HealthCycleCache cache, CancellationToken cancellationToken)
    {
        var found = new List<SamlProviderReading>();
        foreach (var (provider, arn) in new[] { (SamlProviderReading.Saml, subject.Description.SamlProviderArn), (SamlProviderReading.SelfServiceSaml, subject.Description.SelfServiceSamlProviderArn) })
        {
            if (arn.Length > 0)
            {
                found.Add(new SamlProviderReading(provider, arn, await cache.SamlProviderAsync(subject.Target, arn, cancellationToken)));
            }
        }

        return found;
    }

    /// <summary>The endpoint's CRL, or null when it has none; a CRL that does not decode throws <see cref="MalformedCrlException"/>.</summary>
    private async Task<CrlReading?> ReadCrlAsync(HealthSubject subject, CancellationToken cancellationToken)
    {
        var exported = await this.ec2.ExportCrlAsync(subject.Target, subject.Description.EndpointId, cancellationToken);
        if (string.IsNullOrWhiteSpace(exported.Pem))
        {
            return null;
        }

        CrlContents contents;
        try
        {
            contents = CrlParser.ParsePem(exported.Pem);
        }
        catch (FormatException ex)
        {
            throw new MalformedCrlException(ex.Message, ex);
        }

        return new CrlReading(LabelOf(exported.Status), contents.ThisUpdate, contents.NextUpdate, contents.RevokedCertificates);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the {Resource} of {EndpointId} failed ({ErrorCode}): {Reason}. Serving their last values.")]
    private partial void LogFailed(string resource, LogText endpointId, LogText errorCode, LogText reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The client certificate revocation list of {EndpointId} does not decode ({Reason}); its CRL series keep their last values. Counted in clientvpn_exporter_parse_errors_total{{field=\"certificateRevocationList\"}}.")]
    private partial void LogCrlMalformed(LogText endpointId, LogText reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the {Resource} of {EndpointId} works again.")]
    private partial void LogRecovered(string resource, LogText endpointId);

    /// <summary>The resource reads of one endpoint in one cycle, and how each went.</summary>
    private sealed class Reads(EndpointHealthReader reader, HealthSubject subject, HealthReading last, CancellationToken cancellationToken)
    {
        private readonly List<ResourceRead> done = [];

        public HealthReading Last => last;

        public IReadOnlyList<ResourceRead> Done => this.done;

        /// <summary>
        /// Reads one resource: its new value on success; <paramref name="kept"/> (its last value) on a failure;
        /// <paramref name="leftOut"/> when the read is not permitted.
        /// </summary>
        public async Task<T> ResourceAsync<T>(HealthResource resource, T kept, T leftOut, Func<Task<T>> read)
        {
            var before = last.Reads.FirstOrDefault(r => r.Resource == resource);
            var label = HealthResources.Label(resource);
            var action = HealthResources.Action(resource);
            var endpointId = subject.Description.EndpointId;
            try
            {
                var value = await read();
                if (before is { FailureCode: not null, Denied: false })
                {
                    reader.LogRecovered(label, endpointId);
                }

                reader.permissions.Observed(subject.Target, action, allowed: true);
                this.done.Add(new ResourceRead(resource, reader.timeProvider.GetUtcNow(), null, Denied: false));
                return value;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var code = ex is MalformedCrlException ? CrlParseError : ApiOutcome.Of(ex);
                if (DeniedOutcomes.Contains(code))
                {
                    // Logged once by the permission gauge, naming the action to grant.
                    reader.permissions.Observed(subject.Target, action, allowed: false);
                    this.done.Add(new ResourceRead(resource, before?.LastSuccess, code, Denied: true));
                    return leftOut;
                }

                if (ex is MalformedCrlException)
                {
                    reader.parseMetrics.Count(CrlField);
                }

                if (before?.FailureCode != code)
                {
                    if (ex is MalformedCrlException)
                    {
                        reader.LogCrlMalformed(endpointId, ex.Message);
                    }
                    else
                    {
                        reader.LogFailed(label, endpointId, code, ex.Message);
                    }
                }

                this.done.Add(new ResourceRead(resource, before?.LastSuccess, code, Denied: false));
                return kept;
            }
        }
    }
}
