namespace ClientVpnExporter.Connections;

/// <summary>
/// The API time from which the exporter counts, one per process and shared by every ledger: the earliest
/// <c>timestamp</c> of the first successful baseline reads, or the one the state file kept. A connection a ledger
/// first sees outside a baseline counts whole only if it was established at or after it.
/// </summary>
/// <remarks>
/// A baseline ledger proposes its listing's time when it applies it; the proposals take effect only when the poller
/// settles them after the poll's reads, so every read of one poll uses the value known when the poll began and which
/// read finishes first does not matter. Once known the value never changes.
/// </remarks>
internal sealed class CountingStart(DateTimeOffset? known = null)
{
    private readonly Lock gate = new();
    private DateTimeOffset? value = known;
    private DateTimeOffset? proposed;

    /// <summary>The counting start; null while not known, when every connection first seen counts whole.</summary>
    public DateTimeOffset? Value
    {
        get
        {
            lock (this.gate)
            {
                return this.value;
            }
        }
    }

    /// <summary>Makes the earliest time proposed since the last call the counting start, unless one is known already.</summary>
    public void Settle()
    {
        lock (this.gate)
        {
            this.value ??= this.proposed;
            this.proposed = null;
        }
    }

    /// <summary>Offers a baseline listing's time; called by the ledger that applies it, from any read task.</summary>
    internal void Propose(DateTimeOffset? listedAt)
    {
        lock (this.gate)
        {
            if (listedAt < (this.proposed ?? DateTimeOffset.MaxValue))
            {
                this.proposed = listedAt;
            }
        }
    }
}
