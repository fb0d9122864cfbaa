namespace ClientVpnSimulator.Control;

/// <summary>An ACM certificate as <c>DescribeCertificate</c> reports it now.</summary>
/// <param name="Arn">Its ARN.</param>
/// <param name="NotAfter">The end of its validity, UTC.</param>
/// <param name="Status">Its status now (an issued certificate past <paramref name="NotAfter"/> is <c>EXPIRED</c>).</param>
/// <param name="Type"><c>IMPORTED</c>, <c>AMAZON_ISSUED</c> or <c>PRIVATE</c>.</param>
/// <param name="RenewalEligibility"><c>ELIGIBLE</c> or <c>INELIGIBLE</c>.</param>
internal sealed record CertificateTruth(string Arn, DateTime NotAfter, string Status, string Type, string RenewalEligibility);
