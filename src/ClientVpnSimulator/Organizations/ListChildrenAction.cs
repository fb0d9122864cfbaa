using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>Organizations <c>ListChildren</c>: the member accounts or the OUs directly in a root or OU.</summary>
internal sealed class ListChildrenAction(Organization organization, PageTokenCodec tokens) : OrganizationEntryListAction(organization, tokens)
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "ListChildren";

    /// <inheritdoc/>
    public override string Name => ActionName;

    /// <inheritdoc/>
    protected override string ListMember => "Children";

    /// <inheritdoc/>
    protected override string ListingOf(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Get("ParentId")}/{request.Get("ChildType")}";
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<OrganizationEntry> Items(QueryRequest request)
    {
        var parentId = OrganizationIds.Require(request, "ParentId", OrganizationIds.Parent());
        var type = request.Get("ChildType");
        if (type is not (OrganizationEntry.AccountType or OrganizationEntry.UnitType))
        {
            throw new QueryErrorException(OrganizationsErrors.InvalidInput(
                $"You specified an invalid value for ChildType: {type ?? "null"}. It must be {OrganizationEntry.AccountType} or {OrganizationEntry.UnitType}."));
        }

        return this.Organization.Children(parentId, type) ?? throw new QueryErrorException(OrganizationsErrors.ParentNotFound());
    }
}
