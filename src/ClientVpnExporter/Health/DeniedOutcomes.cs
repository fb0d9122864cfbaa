namespace ClientVpnExporter.Health;

/// <summary>The AWS error codes that say a call is not permitted, by service: granting the IAM action fixes them.</summary>
internal static class DeniedOutcomes
{
    /// <summary>EC2's <c>UnauthorizedOperation</c>, ACM's <c>AccessDeniedException</c>, IAM's <c>AccessDenied</c>.</summary>
    public static bool Contains(string outcome) =>
        outcome is "UnauthorizedOperation" or "AccessDeniedException" or "AccessDenied";
}
