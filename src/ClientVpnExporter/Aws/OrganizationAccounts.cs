using ClientVpnExporter.Aws.Services;
using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Aws;

/// <summary>
/// The accounts of the organisation to read: ListAccounts, every page; the active ones (State <c>ACTIVE</c>, or Status
/// when AWS gives no State); narrowed by the id lists, then by organizational unit and by tag. Each filter reads only
/// what it needs: the organizational units cost two ListChildren calls (accounts, units) per unit at or below the configured
/// ones, and the tags one ListTagsForResource per account still kept by the other filters; without them, a refresh is
/// only ListAccounts' pages (20 accounts each).
/// </summary>
internal sealed class OrganizationAccounts(IOptions<ExporterOptions> options)
{
    private const string AccountChild = "ACCOUNT";
    private const string UnitChild = "ORGANIZATIONAL_UNIT";

    private readonly OrganizationOptions organization = options.Value.Organization;

    /// <summary>Reads the organisation through <paramref name="organizations"/> (the management account's).</summary>
    /// <exception cref="OrganizationRefreshException">A call failed; nothing is kept from this read.</exception>
    public async Task<OrganizationReading> ReadAsync(OrganizationsClient organizations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        var listed = await Step("list_accounts", ServiceOperations.ListAccounts, () => organizations.ListAccountsAsync(cancellationToken));
        var accounts = listed.GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var active = accounts.Where(a => a.IsActive).Select(a => a.Id).ToList();
        var include = this.organization.AccountIds.ToHashSet(StringComparer.Ordinal);
        var exclude = this.organization.ExcludeAccountIds.ToHashSet(StringComparer.Ordinal);
        var kept = active.Where(id => (include.Count == 0 || include.Contains(id)) && !exclude.Contains(id)).ToList();

        if (this.organization.OrganizationalUnits.Count > 0 && kept.Count > 0)
        {
            var inUnits = await this.AccountsInUnitsAsync(organizations, cancellationToken);
            kept = [.. kept.Where(inUnits.Contains)];
        }

        if (this.organization.AccountTags.Count > 0)
        {
            var tagged = new List<string>();
            foreach (var id in kept)
            {
                var tags = await Step("list_tags", ServiceOperations.ListTagsForResource, () => organizations.ListTagsForResourceAsync(id, cancellationToken));
                if (this.HasWantedTags(tags))
                {
                    tagged.Add(id);
                }
            }

            kept = tagged;
        }

        kept.Sort(StringComparer.Ordinal);
        return new OrganizationReading(kept, active.Count - kept.Count, accounts.Count - active.Count);
    }

    /// <summary>Every account in the configured units or below them: ListChildren down the tree, each unit once.</summary>
    private async Task<HashSet<string>> AccountsInUnitsAsync(OrganizationsClient organizations, CancellationToken cancellationToken)
    {
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(this.organization.OrganizationalUnits, StringComparer.Ordinal);
        var pending = new Queue<string>(seen);
        while (pending.TryDequeue(out var unit))
        {
            foreach (var child in await Step("list_children", ServiceOperations.ListChildren, () => organizations.ListChildrenAsync(unit, AccountChild, cancellationToken)))
            {
                accounts.Add(child.Id);
            }

            foreach (var child in await Step("list_children", ServiceOperations.ListChildren, () => organizations.ListChildrenAsync(unit, UnitChild, cancellationToken)))
            {
                if (seen.Add(child.Id))
                {
                    pending.Enqueue(child.Id);
                }
            }
        }

        return accounts;
    }

    private bool HasWantedTags(List<KeyValuePair<string, string>> tags)
    {
        foreach (var (key, values) in this.organization.AccountTags)
        {
            var matched = tags.Any(t => t.Key == key && (values.Count == 0 || values.Contains(t.Value, StringComparer.Ordinal)));
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<T> Step<T>(string reason, string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new OrganizationRefreshException(reason, operation, ex);
        }
    }
}
