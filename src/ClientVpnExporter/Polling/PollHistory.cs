namespace ClientVpnExporter.Polling;

/// <summary>
/// The last <see cref="Capacity"/> completed polls, newest first, for the status page. Bounded so that a long-running
/// exporter holds the same few records whatever its uptime.
/// </summary>
internal sealed class PollHistory
{
    /// <summary>How many polls are kept.</summary>
    public const int Capacity = 20;

    private readonly Lock sync = new();
    private readonly Queue<PollRecord> records = new(Capacity);

    public void Add(PollRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (this.sync)
        {
            if (this.records.Count == Capacity)
            {
                this.records.Dequeue();
            }

            this.records.Enqueue(record);
        }
    }

    /// <summary>The kept polls, newest first.</summary>
    public IReadOnlyList<PollRecord> Latest()
    {
        lock (this.sync)
        {
            return [.. this.records.Reverse()];
        }
    }
}
