namespace ClientVpnSimulator.Organizations;

/// <summary>A child or parent in the tree, as ListChildren and ListParents write it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Type"><c>ACCOUNT</c>, <c>ORGANIZATIONAL_UNIT</c> or <c>ROOT</c>.</param>
/// <param name="Position">Its place in listings.</param>
internal sealed record OrganizationEntry(string Id, string Type, long Position)
{
    /// <summary>An account child.</summary>
    public const string AccountType = "ACCOUNT";

    /// <summary>An OU, as a child or parent.</summary>
    public const string UnitType = "ORGANIZATIONAL_UNIT";

    /// <summary>The root, as a parent.</summary>
    public const string RootType = "ROOT";
}
