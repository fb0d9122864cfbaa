using ClientVpnExporter.Aws;

namespace ClientVpnExporter.Health;

/// <summary>ACM's DescribeCertificate through the target's signed ACM client (its credentials, budget and self metrics).</summary>
internal sealed class AcmCertificateApi : ICertificateApi
{
    public async Task<CertificateDetails> DescribeCertificateAsync(AwsTarget target, string certificateArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var certificate = await target.Services.Acm.DescribeCertificateAsync(certificateArn, cancellationToken);
        return new CertificateDetails(certificate.NotAfter, certificate.Status ?? "", certificate.Type ?? "", certificate.RenewalEligibility ?? "");
    }
}
