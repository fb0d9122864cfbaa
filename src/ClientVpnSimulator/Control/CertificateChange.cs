namespace ClientVpnSimulator.Control;

/// <summary>The body of <c>POST /sim/certificates</c>: what to change in one ACM certificate; absent fields stay as they are.</summary>
internal sealed record CertificateChange
{
    /// <summary>The certificate's ARN.</summary>
    public string CertificateArn { get; set; } = string.Empty;

    /// <summary>The new end of validity.</summary>
    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>The new status: <c>ISSUED</c>, <c>EXPIRED</c>, <c>REVOKED</c>, ….</summary>
    public string? Status { get; set; }

    /// <summary>The new type: <c>IMPORTED</c>, <c>AMAZON_ISSUED</c> or <c>PRIVATE</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The new renewal eligibility: <c>ELIGIBLE</c> or <c>INELIGIBLE</c>.</summary>
    public string? RenewalEligibility { get; set; }
}
