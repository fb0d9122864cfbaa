namespace ClientVpnSimulator.Control;

/// <summary>Requests received per implemented action, errors included.</summary>
internal sealed class RequestCounters
{
    private readonly string[] _actions;
    private readonly long[] _counts;

    /// <summary>Counts requests for <paramref name="actions"/>; requests for other actions are not counted.</summary>
    public RequestCounters(IEnumerable<string> actions)
    {
        _actions = [.. actions.Order(StringComparer.Ordinal)];
        _counts = new long[_actions.Length];
    }

    /// <summary>Counts one request.</summary>
    public void Increment(string action)
    {
        var index = Array.IndexOf(_actions, action);
        if (index >= 0)
        {
            Interlocked.Increment(ref _counts[index]);
        }
    }

    /// <summary>The counts so far, by action name.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var snapshot = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _actions.Length; i++)
        {
            snapshot[_actions[i]] = Interlocked.Read(ref _counts[i]);
        }

        return snapshot;
    }
}
