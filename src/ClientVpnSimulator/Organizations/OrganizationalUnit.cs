namespace ClientVpnSimulator.Organizations;

/// <summary>An organizational unit.</summary>
/// <param name="Id">Its id, <c>ou-</c>, the root's suffix, a dash and 8 characters.</param>
/// <param name="Position">Its place in listings.</param>
/// <param name="Arn">Its ARN.</param>
/// <param name="Name">Its name.</param>
/// <param name="ParentId">The root or OU it is in.</param>
internal sealed record OrganizationalUnit(string Id, int Position, string Arn, string Name, string ParentId);
