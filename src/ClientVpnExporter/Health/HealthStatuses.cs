namespace ClientVpnExporter.Health;

/// <summary>
/// The status codes AWS gives each kind of resource, every one of which is written (0 where none has it), so that an
/// alert on <c>== 0</c> or <c>&gt; 0</c> of one status works without an absent series.
/// </summary>
internal static class HealthStatuses
{
    /// <summary>A subnet association's <c>status/code</c>.</summary>
    public static IReadOnlyList<string> TargetNetwork { get; } = ["associating", "associated", "association-failed", "disassociating", "disassociated"];

    /// <summary>An authorization rule's <c>status/code</c>.</summary>
    public static IReadOnlyList<string> AuthorizationRule { get; } = ["authorizing", "active", "failed", "revoking"];

    /// <summary>A route's <c>status/code</c>.</summary>
    public static IReadOnlyList<string> Route { get; } = ["creating", "active", "failed", "deleting"];

    /// <summary>The status of an associated subnet, the ones that count toward the connection quota.</summary>
    public const string Associated = "associated";
}
