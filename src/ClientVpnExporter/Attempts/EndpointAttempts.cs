namespace ClientVpnExporter.Attempts;

/// <summary>
/// What the attempts loop keeps of one endpoint between reads: its ledger, its last reading, the start of its lookback
/// window (which only moves forward, so no pruned id is ever asked for again) and, after a read that stopped at
/// <c>MaxPagesPerRead</c>, where the next read goes on from.
/// </summary>
internal sealed class EndpointAttempts(AttemptLedger ledger)
{
    public AttemptLedger Ledger { get; } = ledger;

    public AttemptReading Reading { get; set; } = new();

    /// <summary>The start of the last read's lookback window; null before the first read.</summary>
    public DateTimeOffset? WindowStart { get; set; }

    /// <summary>Where the next read starts after a truncated one (the last event it read); null otherwise.</summary>
    public DateTimeOffset? ResumeFrom { get; set; }
}
