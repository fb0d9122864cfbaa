using ClientVpnSimulator.Accounts;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// What fault and deny rules may name, and which requests a rule names: an implemented action, by its name
/// (<c>DescribeCertificate</c>) or as IAM policies write it (<c>acm:DescribeCertificate</c>), or
/// <see cref="AnyAction"/>; and optionally one of the simulator's accounts.
/// </summary>
internal sealed class RuleScope
{
    /// <summary>The action of a rule that applies to every implemented action.</summary>
    public const string AnyAction = "*";

    private readonly Dictionary<string, AwsService> actions;
    private readonly AccountDirectory accounts;

    /// <summary>Creates the scope of <paramref name="actions"/> in <paramref name="accounts"/>.</summary>
    public RuleScope(IEnumerable<IQueryAction> actions, AccountDirectory accounts)
    {
        this.actions = actions.ToDictionary(a => a.Name, a => a.Service, StringComparer.Ordinal);
        this.accounts = accounts;
    }

    /// <summary>Whether a rule for <paramref name="action"/> in <paramref name="accountId"/> (null: any) applies to <paramref name="request"/>.</summary>
    public bool Matches(string action, string? accountId, QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(action);
        var implemented = this.actions.TryGetValue(request.Action, out var service) && service == request.Service;
        return implemented
            && (action == AnyAction || action == request.Action || action == $"{service!.IamPrefix}:{request.Action}")
            && (accountId is null || accountId == request.AccountId);
    }

    /// <summary>The action a rule names, without its IAM prefix; null when it names none implemented (or <see cref="AnyAction"/>).</summary>
    public string? ActionOf(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? action : action[(colon + 1)..];
        return this.actions.TryGetValue(name, out var service) && (colon < 0 || action[..colon] == service.IamPrefix) ? name : null;
    }

    /// <summary>Adds to <paramref name="problems"/> what is wrong with a rule's action and account, naming the rule as <paramref name="rule"/>.</summary>
    public void Check(string rule, string action, string? accountId, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (action != AnyAction && this.ActionOf(action) is null)
        {
            problems.Add($"{rule}.action must be \"{AnyAction}\" or one of {string.Join(", ", this.actions.Keys.Order(StringComparer.Ordinal))}, optionally with its IAM prefix such as \"acm:\" (got \"{action}\").");
        }

        if (accountId is not null && !this.accounts.Contains(accountId))
        {
            problems.Add($"{rule}.accountId must be one of the simulator's accounts, {string.Join(", ", this.accounts.Accounts)} (got \"{accountId}\").");
        }
    }
}
