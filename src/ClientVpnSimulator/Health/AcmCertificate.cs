namespace ClientVpnSimulator.Health;

/// <summary>
/// A certificate in ACM, as <c>DescribeCertificate</c> shows it: an endpoint's server certificate or client root
/// chain. Changed only through the control API, under the fleet lock.
/// </summary>
internal sealed class AcmCertificate
{
    /// <summary>The certificate's ARN.</summary>
    public required string Arn { get; init; }

    /// <summary>The subject's common name (a domain for a server certificate).</summary>
    public required string DomainName { get; init; }

    /// <summary>The distinguished name of the subject.</summary>
    public required string Subject { get; init; }

    /// <summary>The distinguished name of the issuer.</summary>
    public required string Issuer { get; init; }

    /// <summary>The serial number, hexadecimal bytes separated by colons, as ACM shows it.</summary>
    public required string Serial { get; init; }

    /// <summary>When ACM got the certificate (imported or requested).</summary>
    public required long CreatedAtMs { get; init; }

    /// <summary>The start of its validity.</summary>
    public required long NotBeforeMs { get; init; }

    /// <summary>The end of its validity.</summary>
    public required long NotAfterMs { get; set; }

    /// <summary>The status set; <see cref="StatusAt"/> turns <c>ISSUED</c> into <c>EXPIRED</c> once past <see cref="NotAfterMs"/>.</summary>
    public required string Status { get; set; }

    /// <summary><c>IMPORTED</c>, <c>AMAZON_ISSUED</c> or <c>PRIVATE</c>.</summary>
    public required string Type { get; set; }

    /// <summary><c>ELIGIBLE</c> or <c>INELIGIBLE</c>.</summary>
    public required string RenewalEligibility { get; set; }

    /// <summary>The resources using it: the endpoint's ARN.</summary>
    public required IReadOnlyList<string> InUseBy { get; init; }

    /// <summary>The status ACM reports at <paramref name="nowMs"/>: an issued certificate past its end is expired, as in ACM.</summary>
    public string StatusAt(long nowMs) => this.Status == "ISSUED" && nowMs >= this.NotAfterMs ? "EXPIRED" : this.Status;
}
