namespace ClientVpnSimulator.Regions;

/// <summary>
/// Which regions each account has enabled. Every account starts with the same set, shared until one of them
/// changes, so hundreds of accounts cost one set.
/// </summary>
internal sealed class AccountRegions
{
    private readonly Lock sync = new();
    private readonly IReadOnlyList<string> initial;
    private readonly Dictionary<string, IReadOnlyList<string>> changed = new(StringComparer.Ordinal);
    private readonly HashSet<string> accounts;
    private readonly HashSet<string>? endpointRegions;

    /// <summary>Enables <paramref name="regions"/> in each of <paramref name="accounts"/>, whose endpoints are in <paramref name="endpointRegions"/> (null: every region).</summary>
    public AccountRegions(IEnumerable<string> accounts, IReadOnlyList<string> regions, IEnumerable<string>? endpointRegions = null)
    {
        this.accounts = new HashSet<string>(accounts, StringComparer.Ordinal);
        this.initial = [.. regions];
        this.endpointRegions = endpointRegions is null ? null : new HashSet<string>(endpointRegions, StringComparer.Ordinal);
    }

    /// <summary>Whether the accounts' endpoints are in <paramref name="region"/>; every region has them unless endpoint regions were set.</summary>
    public bool HoldsEndpoints(string region) => this.endpointRegions is null || this.endpointRegions.Contains(region);

    /// <summary>The regions enabled in <paramref name="accountId"/>, in the order they were enabled.</summary>
    public IReadOnlyList<string> EnabledIn(string accountId)
    {
        lock (this.sync)
        {
            return this.changed.GetValueOrDefault(accountId) ?? this.initial;
        }
    }

    /// <summary>Whether <paramref name="region"/> is enabled in <paramref name="accountId"/>.</summary>
    public bool IsEnabled(string accountId, string region) => this.EnabledIn(accountId).Contains(region, StringComparer.Ordinal);

    /// <summary>Enables (or disables) <paramref name="region"/> in <paramref name="accountId"/>; false when that changed nothing.</summary>
    /// <exception cref="ArgumentException">The simulator has no such account.</exception>
    public bool Set(string accountId, string region, bool enabled)
    {
        if (!this.accounts.Contains(accountId))
        {
            throw new ArgumentException($"No account '{accountId}'.", nameof(accountId));
        }

        lock (this.sync)
        {
            var current = this.changed.GetValueOrDefault(accountId) ?? this.initial;
            if (current.Contains(region, StringComparer.Ordinal) == enabled)
            {
                return false;
            }

            this.changed[accountId] = enabled ? [.. current, region] : [.. current.Where(r => r != region)];
            return true;
        }
    }
}
