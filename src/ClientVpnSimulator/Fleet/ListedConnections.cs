namespace ClientVpnSimulator.Fleet;

/// <summary>
/// The connections an endpoint currently lists, in sequence order, so that a page token can be
/// "the sequence after which to continue" and stay valid while others come and go.
/// </summary>
/// <remarks>
/// Connections are appended in increasing sequence and retired from anywhere, so retired ones are
/// only marked and swept out in bulk once they are half of the list: amortised O(1) per change.
/// </remarks>
internal sealed class ListedConnections
{
    private const int MinimumSweep = 1024;
    private readonly List<SimulatedConnection> items = [];
    private int retired;

    /// <summary>Connections still listed.</summary>
    public int Count => this.items.Count - this.retired;

    /// <summary>Slots held, retired ones not yet swept included: what the listing costs in memory.</summary>
    public int Capacity => this.items.Count;

    /// <summary>Appends a connection whose sequence is above every other.</summary>
    public void Add(SimulatedConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (this.items.Count > 0 && this.items[^1].Sequence >= connection.Sequence)
        {
            throw new InvalidOperationException("Connections must be listed in increasing sequence.");
        }

        this.items.Add(connection);
    }

    /// <summary>Stops listing a connection that has already been marked retired.</summary>
    public void NoteRetired()
    {
        this.retired++;
        if (this.retired >= MinimumSweep && this.retired * 2 >= this.items.Count)
        {
            this.items.RemoveAll(static c => c.IsRetired);
            this.retired = 0;
        }
    }

    /// <summary>Stops listing everything.</summary>
    public void Clear()
    {
        this.items.Clear();
        this.retired = 0;
    }

    /// <summary>The listed connections in sequence order.</summary>
    public IEnumerable<SimulatedConnection> All() => this.After(long.MinValue);

    /// <summary>The listed connections whose sequence is above <paramref name="sequence"/>, in order.</summary>
    public IEnumerable<SimulatedConnection> After(long sequence)
    {
        for (var i = this.FirstIndexAfter(sequence); i < this.items.Count; i++)
        {
            var connection = this.items[i];
            if (!connection.IsRetired)
            {
                yield return connection;
            }
        }
    }

    private int FirstIndexAfter(long sequence)
    {
        int low = 0, high = this.items.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (this.items[middle].Sequence <= sequence)
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
