using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>Organizations <c>ListParents</c>: the one root or OU a member account or an OU is directly in.</summary>
internal sealed class ListParentsAction(Organization organization, PageTokenCodec tokens) : OrganizationEntryListAction(organization, tokens)
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "ListParents";

    /// <inheritdoc/>
    public override string Name => ActionName;

    /// <inheritdoc/>
    protected override string ListMember => "Parents";

    /// <inheritdoc/>
    protected override string ListingOf(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Get("ChildId") ?? string.Empty;
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<OrganizationEntry> Items(QueryRequest request)
    {
        var childId = OrganizationIds.Require(request, "ChildId", OrganizationIds.Child());
        return [this.Organization.Parent(childId) ?? throw new QueryErrorException(OrganizationsErrors.ChildNotFound())];
    }
}
