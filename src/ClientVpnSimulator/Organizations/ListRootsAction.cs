using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>Organizations <c>ListRoots</c>: the organisation's one root, from the management account only.</summary>
internal sealed class ListRootsAction : IQueryAction
{
    // The wire member, not this type's property of the same name.
    private const string NameMember = "Name";

    /// <summary>The action's name.</summary>
    public const string ActionName = "ListRoots";

    private readonly Organization organization;
    private readonly PageTokenCodec tokens;

    /// <summary>Lists the root of <paramref name="organization"/>.</summary>
    public ListRootsAction(Organization organization, PageTokenCodec tokens)
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
        var page = OrganizationPage<string>.Read(request, this.organization, this.tokens, "roots", () => [this.organization.RootId], _ => 0);
        return new JsonQueryResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Roots");
            foreach (var id in page.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("Id", id);
                writer.WriteString("Arn", this.organization.RootArn);
                writer.WriteString(NameMember, "Root");
                writer.WriteStartArray("PolicyTypes");
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            page.WriteNextToken(writer);
            writer.WriteEndObject();
        });
    }
}
