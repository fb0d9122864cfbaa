using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>
/// Organizations <c>ListTagsForResource</c>: the tags of a member account (the root and OUs have none), ordered by key,
/// from the management account only.
/// </summary>
internal sealed class ListTagsForResourceAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "ListTagsForResource";

    private readonly Organization organization;
    private readonly PageTokenCodec tokens;

    /// <summary>Reads the tags of <paramref name="organization"/>'s members.</summary>
    public ListTagsForResourceAction(Organization organization, PageTokenCodec tokens)
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
        var page = OrganizationPage<(KeyValuePair<string, string> Tag, long Position)>.Read(
            request, this.organization, this.tokens, $"tags/{request.Get("ResourceId")}", Tags, t => t.Position);
        return new JsonQueryResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Tags");
            foreach (var ((key, value), _) in page.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("Key", key);
                writer.WriteString("Value", value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            page.WriteNextToken(writer);
            writer.WriteEndObject();
        });

        IReadOnlyList<(KeyValuePair<string, string>, long)> Tags()
        {
            var resourceId = OrganizationIds.Require(request, "ResourceId", OrganizationIds.Resource());
            if (this.organization.IsParent(resourceId))
            {
                return [];
            }

            var member = this.organization.Member(resourceId) ?? throw new QueryErrorException(OrganizationsErrors.TargetNotFound());
            return [.. member.Tags.Select((tag, i) => (tag, (long)i))];
        }
    }
}
