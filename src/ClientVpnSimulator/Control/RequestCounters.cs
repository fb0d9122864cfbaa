namespace ClientVpnSimulator.Control;

/// <summary>Requests received per account and implemented action, errors included.</summary>
internal sealed class RequestCounters
{
    private readonly string[] actions;
    private readonly string[] accounts;
    private readonly long[] counts;

    /// <summary>Counts requests for <paramref name="actions"/> in <paramref name="accounts"/>; requests for other actions are not counted.</summary>
    public RequestCounters(IEnumerable<string> actions, IEnumerable<string> accounts)
    {
        this.actions = [.. actions.Order(StringComparer.Ordinal)];
        this.accounts = [.. accounts.Order(StringComparer.Ordinal)];
        this.counts = new long[this.actions.Length * this.accounts.Length];
    }

    /// <summary>Counts one request that acts in <paramref name="accountId"/>.</summary>
    public void Increment(string accountId, string action)
    {
        var account = Array.IndexOf(this.accounts, accountId);
        var index = Array.IndexOf(this.actions, action);
        if (account >= 0 && index >= 0)
        {
            Interlocked.Increment(ref this.counts[(account * this.actions.Length) + index]);
        }
    }

    /// <summary>The counts so far by action name, over every account.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var snapshot = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < this.actions.Length; i++)
        {
            snapshot[this.actions[i]] = Enumerable.Range(0, this.accounts.Length).Sum(a => Interlocked.Read(ref this.counts[(a * this.actions.Length) + i]));
        }

        return snapshot;
    }

    /// <summary>The counts so far by account, then action name; only <paramref name="accountId"/>'s when given.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> SnapshotByAccount(string? accountId = null)
    {
        var snapshot = new SortedDictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        for (var a = 0; a < this.accounts.Length; a++)
        {
            if (accountId is not null && this.accounts[a] != accountId)
            {
                continue;
            }

            var byAction = new SortedDictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < this.actions.Length; i++)
            {
                byAction[this.actions[i]] = Interlocked.Read(ref this.counts[(a * this.actions.Length) + i]);
            }

            snapshot[this.accounts[a]] = byAction;
        }

        return snapshot;
    }
}
