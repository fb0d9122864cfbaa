using ClientVpnSimulator.Accounts;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// What fault and deny rules may name, and which requests a rule names: an implemented action or
/// <see cref="AnyAction"/>, and optionally one of the simulator's accounts.
/// </summary>
internal sealed class RuleScope
{
    /// <summary>The action of a rule that applies to every implemented action.</summary>
    public const string AnyAction = "*";

    private readonly HashSet<string> actions;
    private readonly AccountDirectory accounts;

    /// <summary>Creates the scope of <paramref name="actions"/> in <paramref name="accounts"/>.</summary>
    public RuleScope(IEnumerable<string> actions, AccountDirectory accounts)
    {
        this.actions = new HashSet<string>(actions, StringComparer.Ordinal);
        this.accounts = accounts;
    }

    /// <summary>Whether a rule for <paramref name="action"/> in <paramref name="accountId"/> (null: any) applies to <paramref name="request"/>.</summary>
    public bool Matches(string action, string? accountId, QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (action == AnyAction ? this.actions.Contains(request.Action) : action == request.Action)
            && (accountId is null || accountId == request.AccountId);
    }

    /// <summary>Adds to <paramref name="problems"/> what is wrong with a rule's action and account, naming the rule as <paramref name="rule"/>.</summary>
    public void Check(string rule, string action, string? accountId, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (action != AnyAction && !this.actions.Contains(action))
        {
            problems.Add($"{rule}.action must be \"{AnyAction}\" or one of {string.Join(", ", this.actions.Order(StringComparer.Ordinal))} (got \"{action}\").");
        }

        if (accountId is not null && !this.accounts.Contains(accountId))
        {
            problems.Add($"{rule}.accountId must be one of the simulator's accounts, {string.Join(", ", this.accounts.Accounts)} (got \"{accountId}\").");
        }
    }
}
