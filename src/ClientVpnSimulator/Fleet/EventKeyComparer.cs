namespace ClientVpnSimulator.Fleet;

/// <summary>Orders <see cref="EventKey"/>s by time, then by sequence.</summary>
internal sealed class EventKeyComparer : IComparer<EventKey>
{
    /// <summary>The only instance.</summary>
    public static EventKeyComparer Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(EventKey x, EventKey y)
    {
        var byTime = x.TimeMs.CompareTo(y.TimeMs);
        return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
    }
}
