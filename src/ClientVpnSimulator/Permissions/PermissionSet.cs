namespace ClientVpnSimulator.Permissions;

/// <summary>The body of <c>PUT /sim/permissions</c>: what IAM denies; everything else is allowed.</summary>
internal sealed record PermissionSet
{
    /// <summary>The denied actions.</summary>
    public IReadOnlyList<DenyRule> Deny { get; set; } = [];
}
