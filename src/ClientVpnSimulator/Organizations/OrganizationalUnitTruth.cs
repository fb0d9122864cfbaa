namespace ClientVpnSimulator.Organizations;

/// <summary>One OU in the organisation's truth.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="ParentId">The root or OU it is in.</param>
internal sealed record OrganizationalUnitTruth(string Id, string Name, string ParentId);
