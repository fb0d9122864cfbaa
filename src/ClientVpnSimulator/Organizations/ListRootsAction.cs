using System.Text.Json;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>Organizations <c>ListRoots</c>: the organisation's one root.</summary>
internal sealed class ListRootsAction(Organization organization, PageTokenCodec tokens) : OrganizationListAction<string>(organization, tokens)
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "ListRoots";

    /// <inheritdoc/>
    public override string Name => ActionName;

    /// <inheritdoc/>
    protected override string ListMember => "Roots";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> Items(QueryRequest request) => [this.Organization.RootId];

    /// <inheritdoc/>
    protected override long PositionOf(string item) => 0;

    /// <inheritdoc/>
    protected override void WriteItem(Utf8JsonWriter writer, string item)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("Id", item);
        writer.WriteString("Arn", this.Organization.RootArn);
        writer.WriteString(OrganizationEntry.NameMember, "Root");
        writer.WriteStartArray("PolicyTypes");
        writer.WriteEndArray();
    }
}
