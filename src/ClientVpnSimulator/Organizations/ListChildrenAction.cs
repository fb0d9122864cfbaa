using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>Organizations <c>ListChildren</c>: the member accounts or the OUs directly in a root or OU, from the management account only.</summary>
internal sealed class ListChildrenAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "ListChildren";

    private readonly Organization organization;
    private readonly PageTokenCodec tokens;

    /// <summary>Lists the tree of <paramref name="organization"/>.</summary>
    public ListChildrenAction(Organization organization, PageTokenCodec tokens)
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
        ArgumentNullException.ThrowIfNull(request);
        var listing = $"children/{request.Get("ParentId")}/{request.Get("ChildType")}";
        var page = OrganizationPage<OrganizationEntry>.Read(request, this.organization, this.tokens, listing, Children, e => e.Position);
        return new JsonQueryResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Children");
            foreach (var child in page.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("Id", child.Id);
                writer.WriteString("Type", child.Type);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            page.WriteNextToken(writer);
            writer.WriteEndObject();
        });

        IReadOnlyList<OrganizationEntry> Children()
        {
            var parentId = OrganizationIds.Require(request, "ParentId", OrganizationIds.Parent());
            var type = request.Get("ChildType");
            if (type is not (OrganizationEntry.AccountType or OrganizationEntry.UnitType))
            {
                throw new QueryErrorException(OrganizationsErrors.InvalidInput(
                    $"You specified an invalid value for ChildType: {type ?? "null"}. It must be {OrganizationEntry.AccountType} or {OrganizationEntry.UnitType}."));
            }

            return this.organization.Children(parentId, type) ?? throw new QueryErrorException(OrganizationsErrors.ParentNotFound());
        }
    }
}
