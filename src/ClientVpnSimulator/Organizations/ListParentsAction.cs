using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>Organizations <c>ListParents</c>: the one root or OU a member account or an OU is directly in, from the management account only.</summary>
internal sealed class ListParentsAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "ListParents";

    private readonly Organization organization;
    private readonly PageTokenCodec tokens;

    /// <summary>Reads the tree of <paramref name="organization"/>.</summary>
    public ListParentsAction(Organization organization, PageTokenCodec tokens)
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
        var page = OrganizationPage<OrganizationEntry>.Read(request, this.organization, this.tokens, $"parents/{request.Get("ChildId")}", Parents, e => e.Position);
        return new JsonQueryResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Parents");
            foreach (var parent in page.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("Id", parent.Id);
                writer.WriteString("Type", parent.Type);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            page.WriteNextToken(writer);
            writer.WriteEndObject();
        });

        IReadOnlyList<OrganizationEntry> Parents()
        {
            var childId = OrganizationIds.Require(request, "ChildId", OrganizationIds.Child());
            return [this.organization.Parent(childId) ?? throw new QueryErrorException(OrganizationsErrors.ChildNotFound())];
        }
    }
}
