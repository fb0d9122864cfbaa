using System.Text.Json;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>A listing of the tree's entries (<c>ListChildren</c>, <c>ListParents</c>): each written as <c>{"Id","Type"}</c>.</summary>
internal abstract class OrganizationEntryListAction(Organization organization, PageTokenCodec tokens) : OrganizationListAction<OrganizationEntry>(organization, tokens)
{
    /// <inheritdoc/>
    protected override long PositionOf(OrganizationEntry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Position;
    }

    /// <inheritdoc/>
    protected override void WriteItem(Utf8JsonWriter writer, OrganizationEntry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.WriteTo(writer);
    }
}
