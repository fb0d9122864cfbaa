namespace ClientVpnExporter.Health;

/// <summary>
/// One ACM certificate an endpoint uses, from <c>acm:DescribeCertificate</c>. The label values are ACM's, lower-cased
/// (<c>ISSUED</c> → <c>issued</c>, <c>AMAZON_ISSUED</c> → <c>amazon_issued</c>), empty where ACM gave none.
/// </summary>
/// <param name="Certificate">Which certificate of the endpoint: <see cref="Server"/> or <see cref="ClientRoot"/>.</param>
/// <param name="Arn">The certificate's ARN, as the endpoint names it.</param>
/// <param name="NotAfter">When it expires; null when ACM gave no date (a certificate still pending validation).</param>
/// <param name="Status"><c>issued</c>, <c>expired</c>, <c>revoked</c>, <c>pending_validation</c>, <c>inactive</c>, <c>validation_timed_out</c> or <c>failed</c>.</param>
/// <param name="Type"><c>imported</c> (ACM never renews it), <c>amazon_issued</c> or <c>private</c>.</param>
/// <param name="RenewalEligibility"><c>eligible</c> or <c>ineligible</c>.</param>
internal sealed record CertificateReading(string Certificate, string Arn, DateTimeOffset? NotAfter, string Status, string Type, string RenewalEligibility)
{
    /// <summary>The <c>certificate</c> label of the endpoint's server certificate.</summary>
    public const string Server = "server";

    /// <summary>The <c>certificate</c> label of the mutual-authentication client root certificate chain.</summary>
    public const string ClientRoot = "client_root";
}
