using Amazon.Runtime;

namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// AWS Organizations (one endpoint per partition, us-east-1) from one target's credentials, which must be the management
/// account's or a delegated administrator's. Each method reads every page (<c>NextToken</c>); each page is one call,
/// counted and retried on its own.
/// </summary>
internal sealed class OrganizationsClient(JsonServiceClient json)
{
    /// <summary>The most pages one listing reads: a token that never ends is a broken answer, not an organisation.</summary>
    public const int MaxPages = 10_000;

    /// <summary>ListAccounts: every account of the organisation.</summary>
    public Task<List<OrganizationAccount>> ListAccountsAsync(CancellationToken cancellationToken) =>
        ReadAllAsync(
            ServiceOperations.ListAccounts,
            token => json.CallAsync(
                ServiceOperations.ListAccounts,
                new OrganizationsWire.ListAccountsRequest { NextToken = token },
                ServiceJsonContext.Default.ListAccountsRequest,
                ServiceJsonContext.Default.ListAccountsResponse,
                cancellationToken),
            page => (page.Accounts?.Select(Account), page.NextToken));

    /// <summary>
    /// ListChildren: the children of <paramref name="parentId"/> (a root or OU) of <paramref name="childType"/>,
    /// <c>ACCOUNT</c> or <c>ORGANIZATIONAL_UNIT</c>.
    /// </summary>
    public Task<List<OrganizationEntity>> ListChildrenAsync(string parentId, string childType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parentId);
        ArgumentNullException.ThrowIfNull(childType);
        return ReadAllAsync(
            ServiceOperations.ListChildren,
            token => json.CallAsync(
                ServiceOperations.ListChildren,
                new OrganizationsWire.ListChildrenRequest { ParentId = parentId, ChildType = childType, NextToken = token },
                ServiceJsonContext.Default.ListChildrenRequest,
                ServiceJsonContext.Default.ListChildrenResponse,
                cancellationToken),
            page => (page.Children?.Select(e => Entity(e, ServiceOperations.ListChildren)), page.NextToken));
    }

    /// <summary>ListParents: the parents of <paramref name="childId"/> (an account or OU); an organisation has one, a root or an OU.</summary>
    public Task<List<OrganizationEntity>> ListParentsAsync(string childId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(childId);
        return ReadAllAsync(
            ServiceOperations.ListParents,
            token => json.CallAsync(
                ServiceOperations.ListParents,
                new OrganizationsWire.ListParentsRequest { ChildId = childId, NextToken = token },
                ServiceJsonContext.Default.ListParentsRequest,
                ServiceJsonContext.Default.ListParentsResponse,
                cancellationToken),
            page => (page.Parents?.Select(e => Entity(e, ServiceOperations.ListParents)), page.NextToken));
    }

    /// <summary>ListTagsForResource: the tags of <paramref name="resourceId"/> (an account id, an OU or root id), in AWS's order.</summary>
    public Task<List<KeyValuePair<string, string>>> ListTagsForResourceAsync(string resourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        return ReadAllAsync(
            ServiceOperations.ListTagsForResource,
            token => json.CallAsync(
                ServiceOperations.ListTagsForResource,
                new OrganizationsWire.ListTagsForResourceRequest { ResourceId = resourceId, NextToken = token },
                ServiceJsonContext.Default.ListTagsForResourceRequest,
                ServiceJsonContext.Default.ListTagsForResourceResponse,
                cancellationToken),
            page => (page.Tags?.Select(Tag), page.NextToken));
    }

    private static async Task<List<TItem>> ReadAllAsync<TPage, TItem>(
        string operation,
        Func<string?, Task<TPage>> call,
        Func<TPage, (IEnumerable<TItem>? Items, string? NextToken)> read)
    {
        var items = new List<TItem>();
        string? token = null;
        for (var page = 1; ; page++)
        {
            var (pageItems, next) = read(await call(token));
            items.AddRange(pageItems ?? []);
            if (string.IsNullOrEmpty(next))
            {
                return items;
            }

            if (next == token || page >= MaxPages)
            {
                throw new AmazonClientException($"Organizations {operation} did not end: page {page} gave the NextToken '{next}' again or the pages exceed {MaxPages}.");
            }

            token = next;
        }
    }

    private static OrganizationAccount Account(OrganizationsWire.Account account) =>
        new(account.Id ?? throw new AmazonClientException($"Organizations {ServiceOperations.ListAccounts} answered an account without an Id."),
            account.Arn, account.Name, account.Email, account.Status, account.JoinedTimestamp, account.State);

    private static OrganizationEntity Entity(OrganizationsWire.Entity entity, string operation) =>
        new(entity.Id ?? throw new AmazonClientException($"Organizations {operation} answered an entry without an Id."), entity.Type ?? "");

    private static KeyValuePair<string, string> Tag(OrganizationsWire.Tag tag) =>
        KeyValuePair.Create(tag.Key ?? throw new AmazonClientException($"Organizations {ServiceOperations.ListTagsForResource} answered a tag without a Key."), tag.Value ?? "");
}
