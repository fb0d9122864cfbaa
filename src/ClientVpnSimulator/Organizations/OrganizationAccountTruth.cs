namespace ClientVpnSimulator.Organizations;

/// <summary>One of the simulator's accounts in the organisation's truth; the organisation's fields are null when it is not a member.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Member">Whether ListAccounts lists it.</param>
/// <param name="Name">Its name.</param>
/// <param name="State">Its <c>State</c>.</param>
/// <param name="Status">Its <c>Status</c>.</param>
/// <param name="JoinedMethod"><c>CREATED</c> or <c>INVITED</c>.</param>
/// <param name="ParentId">The root or OU it is directly in.</param>
/// <param name="OrganizationalUnitIds">Every OU it lies in, outermost first; empty in the root.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="EnabledRegions">The regions enabled in it, member or not.</param>
internal sealed record OrganizationAccountTruth(
    string AccountId,
    bool Member,
    string? Name,
    string? State,
    string? Status,
    string? JoinedMethod,
    string? ParentId,
    IReadOnlyList<string> OrganizationalUnitIds,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> EnabledRegions);
