using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>
/// Organizations <c>ListAccounts</c>: every member account, suspended ones included, from the management account only;
/// both <c>Status</c> and the newer <c>State</c>, and <c>JoinedTimestamp</c> in epoch seconds.
/// </summary>
internal sealed class ListAccountsAction : IQueryAction
{
    // The wire member, not this type's property of the same name.
    private const string NameMember = "Name";

    /// <summary>The action's name.</summary>
    public const string ActionName = "ListAccounts";

    private readonly Organization organization;
    private readonly PageTokenCodec tokens;

    /// <summary>Lists the members of <paramref name="organization"/>.</summary>
    public ListAccountsAction(Organization organization, PageTokenCodec tokens)
    {
        this.organization = organization;
        this.tokens = tokens;
    }

    /// <inheritdoc/>
    public string Name => ActionName;

    /// <inheritdoc/>
    public AwsService Service => AwsService.Organizations;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        var page = OrganizationPage<OrganizationAccount>.Read(request, this.organization, this.tokens, "accounts", this.organization.Members, m => m.Position);
        return new JsonQueryResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Accounts");
            foreach (var account in page.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("Id", account.Id);
                writer.WriteString("Arn", account.Arn);
                writer.WriteString("Email", account.Email);
                writer.WriteString(NameMember, account.Name);
                writer.WriteString("Status", account.Status);
                writer.WriteString("State", account.State);
                writer.WriteString("JoinedMethod", account.JoinedMethod);
                writer.WriteNumber("JoinedTimestamp", account.JoinedMs / 1000);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            page.WriteNextToken(writer);
            writer.WriteEndObject();
        });
    }
}
