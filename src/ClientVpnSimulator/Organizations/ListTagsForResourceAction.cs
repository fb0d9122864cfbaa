using System.Text.Json;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>Organizations <c>ListTagsForResource</c>: the tags of a member account, ordered by key; the root and OUs have none.</summary>
internal sealed class ListTagsForResourceAction(Organization organization, PageTokenCodec tokens)
    : OrganizationListAction<(KeyValuePair<string, string> Tag, long Position)>(organization, tokens)
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "ListTagsForResource";

    /// <inheritdoc/>
    public override string Name => ActionName;

    /// <inheritdoc/>
    protected override string ListMember => "Tags";

    /// <inheritdoc/>
    protected override string ListingOf(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Get("ResourceId") ?? string.Empty;
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<(KeyValuePair<string, string> Tag, long Position)> Items(QueryRequest request)
    {
        var resourceId = OrganizationIds.Require(request, "ResourceId", OrganizationIds.Resource());
        if (this.Organization.IsParent(resourceId))
        {
            return [];
        }

        var member = this.Organization.Member(resourceId) ?? throw new QueryErrorException(OrganizationsErrors.TargetNotFound());
        return [.. member.Tags.Select((tag, i) => (tag, (long)i))];
    }

    /// <inheritdoc/>
    protected override long PositionOf((KeyValuePair<string, string> Tag, long Position) item) => item.Position;

    /// <inheritdoc/>
    protected override void WriteItem(Utf8JsonWriter writer, (KeyValuePair<string, string> Tag, long Position) item)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("Key", item.Tag.Key);
        writer.WriteString("Value", item.Tag.Value);
    }
}
