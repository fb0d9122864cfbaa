using System.Text.Json;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>
/// Organizations <c>ListAccounts</c>: every member account, suspended ones included, from the management account or a
/// delegated administrator; both <c>Status</c> and the newer <c>State</c>, and <c>JoinedTimestamp</c> in epoch seconds.
/// </summary>
internal sealed class ListAccountsAction : OrganizationListAction<OrganizationAccount>
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "ListAccounts";

    private readonly bool writeState;

    /// <summary>Lists the members of <paramref name="organization"/>, with <c>State</c> unless told not to write it.</summary>
    public ListAccountsAction(Organization organization, PageTokenCodec tokens, bool writeState = true)
        : base(organization, tokens)
    {
        this.writeState = writeState;
    }

    /// <inheritdoc/>
    public override string Name => ActionName;

    /// <inheritdoc/>
    protected override string ListMember => "Accounts";

    /// <inheritdoc/>
    protected override IReadOnlyList<OrganizationAccount> Items(QueryRequest request) => this.Organization.Members();

    /// <inheritdoc/>
    protected override long PositionOf(OrganizationAccount item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Position;
    }

    /// <inheritdoc/>
    protected override void WriteItem(Utf8JsonWriter writer, OrganizationAccount item)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(item);
        writer.WriteString("Id", item.Id);
        writer.WriteString("Arn", item.Arn);
        writer.WriteString("Email", item.Email);
        writer.WriteString(OrganizationEntry.NameMember, item.Name);
        writer.WriteString("Status", item.Status);
        if (this.writeState)
        {
            writer.WriteString("State", item.State);
        }

        writer.WriteString("JoinedMethod", item.JoinedMethod);
        writer.WriteNumber("JoinedTimestamp", item.JoinedMs / 1000);
    }
}
