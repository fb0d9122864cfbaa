namespace ClientVpnSimulator.Fleet;

/// <summary>
/// The connections an endpoint currently lists, in sequence order, so that a page token can be
/// "the sequence after which to continue" and stay valid while others come and go.
/// </summary>
/// <remarks>
/// Connections are appended in increasing sequence and retired from anywhere, so retired ones are
/// only marked and swept out in bulk once they are half of the list: amortised O(1) per change.
/// </remarks>
internal sealed class ConnectionListing
{
    private const int MinimumSweep = 1024;
    private readonly List<SimulatedConnection> _items = [];
    private int _retired;

    /// <summary>Connections still listed.</summary>
    public int Count => _items.Count - _retired;

    /// <summary>Slots held, retired ones not yet swept included: what the listing costs in memory.</summary>
    public int Capacity => _items.Count;

    /// <summary>Appends a connection whose sequence is above every other.</summary>
    public void Add(SimulatedConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_items.Count > 0 && _items[^1].Sequence >= connection.Sequence)
        {
            throw new InvalidOperationException("Connections must be listed in increasing sequence.");
        }

        _items.Add(connection);
    }

    /// <summary>Stops listing a connection that has already been marked retired.</summary>
    public void NoteRetired()
    {
        _retired++;
        if (_retired >= MinimumSweep && _retired * 2 >= _items.Count)
        {
            _items.RemoveAll(static c => c.IsRetired);
            _retired = 0;
        }
    }

    /// <summary>Stops listing everything.</summary>
    public void Clear()
    {
        _items.Clear();
        _retired = 0;
    }

    /// <summary>The listed connections in sequence order.</summary>
    public IEnumerable<SimulatedConnection> All() => After(long.MinValue);

    /// <summary>The listed connections whose sequence is above <paramref name="sequence"/>, in order.</summary>
    public IEnumerable<SimulatedConnection> After(long sequence)
    {
        for (var i = FirstIndexAfter(sequence); i < _items.Count; i++)
        {
            var connection = _items[i];
            if (!connection.IsRetired)
            {
                yield return connection;
            }
        }
    }

    private int FirstIndexAfter(long sequence)
    {
        int low = 0, high = _items.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_items[middle].Sequence <= sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
