using System.Globalization;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Permissions;

/// <summary>The permissions in force, replaced as a whole through the control API.</summary>
internal sealed class PermissionPolicy
{
    private readonly RuleScope scope;
    private volatile PermissionSet current = new();

    /// <summary>Creates a policy that allows everything, whose rules may name what <paramref name="scope"/> holds.</summary>
    public PermissionPolicy(RuleScope scope)
    {
        this.scope = scope;
    }

    /// <summary>The permissions in force.</summary>
    public PermissionSet Current => this.current;

    /// <summary>Puts <paramref name="permissions"/> in force.</summary>
    public void Replace(PermissionSet permissions) => this.current = permissions ?? throw new ArgumentNullException(nameof(permissions));

    /// <summary>Whether a deny rule applies to <paramref name="request"/>.</summary>
    public bool Denies(QueryRequest request) => this.current.Deny.Any(rule => this.scope.Matches(rule.Action, rule.AccountId, request));

    /// <summary>What is wrong with <paramref name="permissions"/>; empty when nothing is.</summary>
    public IReadOnlyList<string> Validate(PermissionSet permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var problems = new List<string>();
        for (var i = 0; i < permissions.Deny.Count; i++)
        {
            var rule = permissions.Deny[i];
            var name = string.Create(CultureInfo.InvariantCulture, $"deny[{i}]");
            if (rule is null)
            {
                problems.Add($"{name} must be an object.");
                continue;
            }

            this.scope.Check(name, rule.Action, rule.AccountId, problems);
        }

        return problems;
    }
}
