using Amazon.Runtime;

namespace ClientVpnExporter.Aws.Services;

/// <summary>AWS Certificate Manager for one target (its account and region): the calls the exporter makes.</summary>
internal sealed class AcmClient(JsonServiceClient json)
{
    /// <summary>
    /// ACM DescribeCertificate: the certificate of <paramref name="certificateArn"/>. Throws
    /// <see cref="AwsServiceException"/> (<c>ResourceNotFoundException</c>, <c>InvalidArnException</c>,
    /// <c>AccessDeniedException</c>...) when ACM refuses.
    /// </summary>
    public async Task<AcmCertificate> DescribeCertificateAsync(string certificateArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateArn);
        var response = await json.CallAsync(
            ServiceOperations.DescribeCertificate,
            new AcmWire.DescribeCertificateRequest { CertificateArn = certificateArn },
            ServiceJsonContext.Default.DescribeCertificateRequest,
            ServiceJsonContext.Default.DescribeCertificateResponse,
            cancellationToken);
        var detail = response.Certificate ?? throw new AmazonClientException($"ACM {ServiceOperations.DescribeCertificate} answered no Certificate for {certificateArn}.");
        return new AcmCertificate(
            detail.CertificateArn ?? certificateArn,
            detail.DomainName,
            detail.Status,
            detail.Type,
            detail.RenewalEligibility,
            detail.NotBefore,
            detail.NotAfter,
            detail.InUseBy ?? []);
    }
}
