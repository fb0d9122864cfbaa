namespace ClientVpnExporter.Health;

/// <summary>What ACM's <c>DescribeCertificate</c> says of a certificate, in ACM's own spelling (<c>ISSUED</c>, <c>IMPORTED</c>).</summary>
/// <param name="NotAfter">When it expires; null when ACM gave no date.</param>
/// <param name="Status">ACM's <c>Status</c>, e.g. <c>ISSUED</c>, <c>EXPIRED</c>, <c>REVOKED</c>.</param>
/// <param name="Type">ACM's <c>Type</c>: <c>IMPORTED</c>, <c>AMAZON_ISSUED</c> or <c>PRIVATE</c>.</param>
/// <param name="RenewalEligibility">ACM's <c>RenewalEligibility</c>: <c>ELIGIBLE</c> or <c>INELIGIBLE</c>.</param>
internal sealed record CertificateDetails(DateTimeOffset? NotAfter, string Status, string Type, string RenewalEligibility);
