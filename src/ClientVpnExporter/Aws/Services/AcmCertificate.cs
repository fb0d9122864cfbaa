namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// What ACM DescribeCertificate says of one certificate. Status (<c>ISSUED</c>, <c>EXPIRED</c>, <c>REVOKED</c>...), Type
/// (<c>IMPORTED</c>, <c>AMAZON_ISSUED</c>, <c>PRIVATE</c>) and RenewalEligibility (<c>ELIGIBLE</c>, <c>INELIGIBLE</c>) are
/// ACM's own words, null when it does not say; the dates are null for a certificate not issued yet.
/// </summary>
internal sealed record AcmCertificate(
    string Arn,
    string? DomainName,
    string? Status,
    string? Type,
    string? RenewalEligibility,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    IReadOnlyList<string> InUseBy);
