using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>
/// The AWS organisation the simulator's accounts belong to: its tree (a root and OUs), which accounts are members, their
/// state and tags. The simulator's accounts are fixed at start; membership changes through the control API (an account
/// leaves, joins again, is suspended). Every read returns a snapshot taken under one lock.
/// </summary>
internal sealed class Organization
{
    private readonly Lock sync = new();
    private readonly IReadOnlyList<string> accounts;
    private readonly Dictionary<string, OrganizationAccount> members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrganizationAccount> former = new(StringComparer.Ordinal);

    /// <summary>Creates an organisation with no members yet; see <see cref="OrganizationLayout"/>.</summary>
    public Organization(string id, string managementAccountId, string rootId, IReadOnlyList<OrganizationalUnit> units, IReadOnlyList<string> accounts)
    {
        this.Id = id;
        this.ManagementAccountId = managementAccountId;
        this.RootId = rootId;
        this.Units = units;
        this.accounts = accounts;
    }

    /// <summary>The organisation's id, <c>o-</c> and 10 characters.</summary>
    public string Id { get; }

    /// <summary>The management account: the only one that may read the organisation.</summary>
    public string ManagementAccountId { get; }

    /// <summary>The root's id, <c>r-</c> and 4 characters.</summary>
    public string RootId { get; }

    /// <summary>The root's ARN.</summary>
    public string RootArn => $"arn:aws:organizations::{this.ManagementAccountId}:root/{this.Id}/{this.RootId}";

    /// <summary>The OUs, in listing order; they never change.</summary>
    public IReadOnlyList<OrganizationalUnit> Units { get; }

    /// <summary>Every account of the simulator, member or not, in listing order.</summary>
    public IReadOnlyList<string> Accounts => this.accounts;

    /// <summary>Why <paramref name="accountId"/> may not read the organisation; null when it may.</summary>
    public QueryError? RefusalToRead(string accountId)
    {
        lock (this.sync)
        {
            return !this.members.ContainsKey(accountId) ? OrganizationsErrors.NotInUse()
                : accountId != this.ManagementAccountId ? OrganizationsErrors.AccessDenied()
                : null;
        }
    }

    /// <summary>The member <paramref name="accountId"/>; null when it is not one.</summary>
    public OrganizationAccount? Member(string accountId)
    {
        lock (this.sync)
        {
            return this.members.GetValueOrDefault(accountId);
        }
    }

    /// <summary>Every member in listing order.</summary>
    public IReadOnlyList<OrganizationAccount> Members()
    {
        lock (this.sync)
        {
            return [.. this.members.Values.OrderBy(m => m.Position)];
        }
    }

    /// <summary>Whether <paramref name="id"/> is the root or an OU.</summary>
    public bool IsParent(string id) => id == this.RootId || this.Units.Any(u => u.Id == id);

    /// <summary>The children of <paramref name="parentId"/> of <paramref name="type"/> in listing order; null when no root or OU has that id.</summary>
    public IReadOnlyList<OrganizationEntry>? Children(string parentId, string type)
    {
        if (!this.IsParent(parentId))
        {
            return null;
        }

        if (type == OrganizationEntry.UnitType)
        {
            return [.. this.Units.Where(u => u.ParentId == parentId).Select(u => new OrganizationEntry(u.Id, type, u.Position))];
        }

        return [.. this.Members().Where(m => m.ParentId == parentId).Select(m => new OrganizationEntry(m.Id, type, m.Position))];
    }

    /// <summary>The parent of the account or OU <paramref name="childId"/>; null when no member or OU has that id.</summary>
    public OrganizationEntry? Parent(string childId)
    {
        var parentId = this.Units.FirstOrDefault(u => u.Id == childId)?.ParentId ?? this.Member(childId)?.ParentId;
        return parentId is null ? null : new OrganizationEntry(parentId, parentId == this.RootId ? OrganizationEntry.RootType : OrganizationEntry.UnitType, 0);
    }

    /// <summary>The OUs <paramref name="parentId"/> lies in, outermost first, itself included; empty for the root.</summary>
    public IReadOnlyList<string> UnitPath(string parentId)
    {
        var path = new List<string>();
        for (var unit = this.Units.FirstOrDefault(u => u.Id == parentId); unit is not null; unit = this.Units.FirstOrDefault(u => u.Id == unit.ParentId))
        {
            path.Insert(0, unit.Id);
        }

        return path;
    }

    /// <summary>Adds <paramref name="accountId"/> as a member, in state ACTIVE.</summary>
    public void Add(string accountId, string name, string joinedMethod, long joinedMs, string parentId, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var position = IndexOf(this.accounts, accountId);
        lock (this.sync)
        {
            this.members[accountId] = new OrganizationAccount(
                accountId,
                position,
                $"arn:aws:organizations::{this.ManagementAccountId}:account/{this.Id}/{accountId}",
                name,
                $"aws+{accountId}@example.com",
                AccountState.Active,
                joinedMethod,
                joinedMs,
                parentId,
                tags);
        }
    }

    /// <summary>A member (not the management account) leaves; false when it is not one or is the management account.</summary>
    public bool Remove(string accountId)
    {
        lock (this.sync)
        {
            if (accountId == this.ManagementAccountId || !this.members.Remove(accountId, out var member))
            {
                return false;
            }

            this.former[accountId] = member;
            return true;
        }
    }

    /// <summary>
    /// One of the simulator's accounts that is not a member accepts an invitation into <paramref name="parentId"/>:
    /// ACTIVE, <c>INVITED</c> at <paramref name="nowMs"/>, with the name and tags it had if it was a member before.
    /// False when it already is one.
    /// </summary>
    public bool Join(string accountId, string parentId, long nowMs)
    {
        lock (this.sync)
        {
            if (this.members.ContainsKey(accountId))
            {
                return false;
            }

            var before = this.former.GetValueOrDefault(accountId);
            this.Add(
                accountId,
                before?.Name ?? $"member-{IndexOf(this.accounts, accountId).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)}",
                "INVITED",
                nowMs - (nowMs % 1000),
                parentId,
                before?.Tags ?? []);
            return true;
        }
    }

    /// <summary>Changes a member; false when <paramref name="accountId"/> is not one.</summary>
    public bool Change(string accountId, Func<OrganizationAccount, OrganizationAccount> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (this.sync)
        {
            if (!this.members.TryGetValue(accountId, out var member))
            {
                return false;
            }

            this.members[accountId] = change(member);
            return true;
        }
    }

    private static int IndexOf(IReadOnlyList<string> accounts, string accountId)
    {
        for (var i = 0; i < accounts.Count; i++)
        {
            if (accounts[i] == accountId)
            {
                return i;
            }
        }

        throw new ArgumentException($"No account '{accountId}'.", nameof(accountId));
    }
}
