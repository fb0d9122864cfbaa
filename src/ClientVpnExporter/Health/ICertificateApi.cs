namespace ClientVpnExporter.Health;

/// <summary>ACM's <c>DescribeCertificate</c>, through one target's account and region.</summary>
internal interface ICertificateApi
{
    /// <summary>The certificate <paramref name="certificateArn"/> names; throws the AWS error when ACM refuses or fails.</summary>
    Task<CertificateDetails> DescribeCertificateAsync(Aws.AwsTarget target, string certificateArn, CancellationToken cancellationToken);
}
