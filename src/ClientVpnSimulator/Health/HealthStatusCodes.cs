namespace ClientVpnSimulator.Health;

/// <summary>The status codes of the health resources, as the EC2, ACM and IAM service models spell them.</summary>
internal static class HealthStatusCodes
{
    /// <summary>A target network association's <c>status/code</c>; <c>associated</c> is the working one.</summary>
    public static IReadOnlyList<string> Association { get; } = ["associating", "associated", "association-failed", "disassociating", "disassociated"];

    /// <summary>An authorization rule's <c>status/code</c>.</summary>
    public static IReadOnlyList<string> AuthorizationRule { get; } = ["authorizing", "active", "failed", "revoking"];

    /// <summary>A route's <c>status/code</c>.</summary>
    public static IReadOnlyList<string> Route { get; } = ["creating", "active", "failed", "deleting"];

    /// <summary>A client certificate revocation list's <c>status/code</c>.</summary>
    public static IReadOnlyList<string> RevocationList { get; } = ["pending", "active"];

    /// <summary>The client-connect handler's <c>status/code</c>.</summary>
    public static IReadOnlyList<string> ClientConnect { get; } = ["applying", "applied"];

    /// <summary>An ACM certificate's <c>Status</c>.</summary>
    public static IReadOnlyList<string> CertificateStatus { get; } =
        ["PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"];

    /// <summary>An ACM certificate's <c>Type</c>; ACM renews only <c>AMAZON_ISSUED</c> (and <c>PRIVATE</c>) ones.</summary>
    public static IReadOnlyList<string> CertificateType { get; } = ["IMPORTED", "AMAZON_ISSUED", "PRIVATE"];

    /// <summary>An ACM certificate's <c>RenewalEligibility</c>.</summary>
    public static IReadOnlyList<string> RenewalEligibility { get; } = ["ELIGIBLE", "INELIGIBLE"];

    /// <summary>Whether <paramref name="code"/> is one of <paramref name="codes"/>.</summary>
    public static bool IsOneOf(this IReadOnlyList<string> codes, string? code) => code is not null && codes.Contains(code, StringComparer.Ordinal);
}
