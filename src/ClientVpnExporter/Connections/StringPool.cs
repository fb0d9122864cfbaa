using System.Runtime.InteropServices;

namespace ClientVpnExporter.Connections;

/// <summary>
/// Shares the strings that repeat across the connections of one listing (users, common names, posture labels),
/// so a listing holds one copy of each rather than one per connection until the ledger has applied it. Not
/// thread-safe: one pool per listing being read.
/// </summary>
/// <param name="connectionIds">The copy of a connection id already kept elsewhere (the ledger's), if any.</param>
internal sealed class StringPool(Func<ReadOnlySpan<char>, string?>? connectionIds = null)
{
    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> postureBySingleStatus = new(StringComparer.Ordinal);

    /// <summary>The copy of <paramref name="connectionId"/> kept elsewhere, else null.</summary>
    public string? ConnectionId(ReadOnlySpan<char> connectionId) => connectionIds?.Invoke(connectionId);

    /// <summary>The pooled copy of <paramref name="value"/>.</summary>
    public string Intern(string value)
    {
        ref var pooled = ref CollectionsMarshal.GetValueRefOrAddDefault(this.strings, value, out _);
        return pooled ??= value;
    }

    /// <summary>The pooled copy of <paramref name="value"/>, made only when none is pooled yet.</summary>
    public string Intern(ReadOnlySpan<char> value)
    {
        if (this.strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var made = value.ToString();
        this.strings[made] = made;
        return made;
    }

    /// <summary>The posture label of a single status, as <see cref="Posture(List{string}?)"/> makes it.</summary>
    public string Posture(ReadOnlySpan<char> single)
    {
        if (this.postureBySingleStatus.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(single, out var label))
        {
            return label;
        }

        return this.Posture([single.ToString()]);
    }

    /// <summary>The posture label of <paramref name="statuses"/>, as <see cref="PostureLabel.From"/> makes it.</summary>
    public string Posture(List<string>? statuses)
    {
        // Nearly every connection has one status or none: look that up instead of building the label again.
        if (statuses is not [var single] || single is null)
        {
            return statuses is null or [] ? PostureLabel.None : this.Intern(PostureLabel.From(statuses));
        }

        ref var label = ref CollectionsMarshal.GetValueRefOrAddDefault(this.postureBySingleStatus, single, out _);
        return label ??= this.Intern(PostureLabel.From(statuses));
    }
}
