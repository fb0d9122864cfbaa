namespace ClientVpnSimulator.Control;

/// <summary>Requests received per account and implemented action, errors included.</summary>
internal sealed class RequestCounters
{
    private readonly string[] _actions;
    private readonly string[] _accounts;
    private readonly long[] _counts;

    /// <summary>Counts requests for <paramref name="actions"/> in <paramref name="accounts"/>; requests for other actions are not counted.</summary>
    public RequestCounters(IEnumerable<string> actions, IEnumerable<string> accounts)
    {
        _actions = [.. actions.Order(StringComparer.Ordinal)];
        _accounts = [.. accounts.Order(StringComparer.Ordinal)];
        _counts = new long[_actions.Length * _accounts.Length];
    }

    /// <summary>Counts one request that acts in <paramref name="accountId"/>.</summary>
    public void Increment(string accountId, string action)
    {
        var account = Array.IndexOf(_accounts, accountId);
        var index = Array.IndexOf(_actions, action);
        if (account >= 0 && index >= 0)
        {
            Interlocked.Increment(ref _counts[(account * _actions.Length) + index]);
        }
    }

    /// <summary>The counts so far by action name, over every account.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var snapshot = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _actions.Length; i++)
        {
            snapshot[_actions[i]] = Enumerable.Range(0, _accounts.Length).Sum(a => Interlocked.Read(ref _counts[(a * _actions.Length) + i]));
        }

        return snapshot;
    }

    /// <summary>The counts so far by account, then action name; only <paramref name="accountId"/>'s when given.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> SnapshotByAccount(string? accountId = null)
    {
        var snapshot = new SortedDictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        for (var a = 0; a < _accounts.Length; a++)
        {
            if (accountId is not null && _accounts[a] != accountId)
            {
                continue;
            }

            var byAction = new SortedDictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < _actions.Length; i++)
            {
                byAction[_actions[i]] = Interlocked.Read(ref _counts[(a * _actions.Length) + i]);
            }

            snapshot[_accounts[a]] = byAction;
        }

        return snapshot;
    }
}
