namespace ClientVpnSimulator.Organizations;

/// <summary>One account of the organisation as ListAccounts describes it, and where it stands in the tree; replaced, never changed.</summary>
/// <param name="Id">The 12-digit account id.</param>
/// <param name="Position">Where the account stands among the simulator's accounts: the order listings follow.</param>
/// <param name="Arn">Its ARN in the organisation.</param>
/// <param name="Name">Its name.</param>
/// <param name="Email">The root user's email.</param>
/// <param name="State">One of <see cref="AccountState.All"/>.</param>
/// <param name="JoinedMethod"><c>CREATED</c> or <c>INVITED</c>.</param>
/// <param name="JoinedMs">When it joined, simulated Unix milliseconds, whole seconds.</param>
/// <param name="ParentId">The root or OU it is in.</param>
/// <param name="Tags">Its tags, ordered by key.</param>
internal sealed record OrganizationAccount(
    string Id,
    int Position,
    string Arn,
    string Name,
    string Email,
    string State,
    string JoinedMethod,
    long JoinedMs,
    string ParentId,
    IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    /// <summary>The older <c>Status</c> AWS still writes.</summary>
    public string Status => AccountState.StatusOf(this.State);
}
