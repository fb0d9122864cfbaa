namespace ClientVpnSimulator.Organizations;

/// <summary>The organisation as it is: <c>GET /sim/organization</c>.</summary>
/// <param name="OrganizationId">Its id.</param>
/// <param name="ManagementAccountId">The account that may read it.</param>
/// <param name="RootId">Its root.</param>
/// <param name="OrganizationalUnits">Its OUs, in listing order.</param>
/// <param name="Accounts">Every account of the simulator, members or not, in listing order.</param>
internal sealed record OrganizationTruth(
    string OrganizationId,
    string ManagementAccountId,
    string RootId,
    IReadOnlyList<OrganizationalUnitTruth> OrganizationalUnits,
    IReadOnlyList<OrganizationAccountTruth> Accounts);
