namespace ClientVpnSimulator.Organizations;

/// <summary>A child or parent in the tree, as ListChildren and ListParents write it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Type"><c>ACCOUNT</c>, <c>ORGANIZATIONAL_UNIT</c> or <c>ROOT</c>.</param>
/// <param name="Position">Its place in listings.</param>
internal sealed record OrganizationEntry(string Id, string Type, long Position)
{
    /// <summary>The <c>Name</c> member of the listings that write one (accounts, roots).</summary>
    public const string NameMember = "Name";

    /// <summary>An account child.</summary>
    public const string AccountType = "ACCOUNT";

    /// <summary>An OU, as a child or parent.</summary>
    public const string UnitType = "ORGANIZATIONAL_UNIT";

    /// <summary>The root, as a parent.</summary>
    public const string RootType = "ROOT";

    /// <summary>Writes the entry's members, <c>Id</c> and <c>Type</c> (named as its properties are), into the object being written.</summary>
    public void WriteTo(System.Text.Json.Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(nameof(this.Id), this.Id);
        writer.WriteString(nameof(this.Type), this.Type);
    }
}
