namespace ClientVpnSimulator.Tests.Support;

// The GET /sim/organization contract as a client reads it: declared here, not shared with the server, so the tests pin the JSON shape.
public sealed record OrganizationDocument(
    string OrganizationId,
    string ManagementAccountId,
    string RootId,
    List<OrganizationalUnitDocument> OrganizationalUnits,
    List<OrganizationAccountDocument> Accounts)
{
    public IEnumerable<OrganizationAccountDocument> Members => this.Accounts.Where(a => a.Member);

    public OrganizationalUnitDocument Unit(string name) => this.OrganizationalUnits.Single(u => u.Name == name);

    public OrganizationAccountDocument Account(string id) => this.Accounts.Single(a => a.AccountId == id);
}

public sealed record OrganizationalUnitDocument(string Id, string Name, string ParentId);

public sealed record OrganizationAccountDocument(
    string AccountId,
    bool Member,
    string? Name,
    string? State,
    string? Status,
    string? JoinedMethod,
    string? ParentId,
    List<string> OrganizationalUnitIds,
    Dictionary<string, string> Tags,
    List<string> EnabledRegions);
