using System.Collections.Concurrent;
using ClientVpnExporter.Aws;

namespace ClientVpnExporter.Health;

/// <summary>
/// The ACM certificates and IAM SAML providers one health cycle has asked for, by ARN: endpoints share them (one server
/// certificate for a whole fleet is common), so each is asked for once per cycle, its answer or failure shared.
/// </summary>
internal sealed class HealthCycleCache(ICertificateApi certificates, ISamlProviderApi samlProviders)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CertificateDetails>>> certificateReads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<DateTimeOffset?>>> samlProviderReads = new(StringComparer.Ordinal);

    /// <summary>The certificate <paramref name="arn"/>, read through the first target that asks for it this cycle.</summary>
    public Task<CertificateDetails> CertificateAsync(AwsTarget target, string arn, CancellationToken cancellationToken) =>
        this.certificateReads.GetOrAdd(arn, key => new(() => certificates.DescribeCertificateAsync(target, key, cancellationToken))).Value;

    /// <summary>The SAML provider <paramref name="arn"/>'s <c>ValidUntil</c>, read through the first target that asks for it this cycle.</summary>
    public Task<DateTimeOffset?> SamlProviderAsync(AwsTarget target, string arn, CancellationToken cancellationToken) =>
        this.samlProviderReads.GetOrAdd(arn, key => new(() => samlProviders.ValidUntilAsync(target, key, cancellationToken))).Value;
}
