namespace ClientVpnExporter.Attempts;

/// <summary>
/// One endpoint's connection attempts as the attempts loop last counted them (<c>ClientVpn:ConnectionLog:Interval</c>),
/// and how its reads of the connection log are going. Counts only ever grow: a read that fails, is denied, or finds
/// logging off keeps them. Immutable: each read makes a new one.
/// </summary>
internal sealed record AttemptReading
{
    /// <summary>Whether the log is read: the endpoint has connection logging on and <c>ClientVpn:ConnectionLog:Enabled</c> is true.</summary>
    public bool LogRead { get; init; }

    /// <summary>Attempts by status and reason since the exporter started; empty until a read completed.</summary>
    public IReadOnlyList<AttemptCount> Attempts { get; init; } = [];

    /// <summary>Attempts by user and status, for per-user detail; users are kept for <c>ClientVpn:UserRetention</c> after their last attempt.</summary>
    public IReadOnlyList<UserAttemptCount> Users { get; init; } = [];

    /// <summary>The newest event timestamp read; null until an event was.</summary>
    public DateTimeOffset? NewestEvent { get; init; }

    /// <summary>The largest ingestion time minus timestamp among the events of the last complete read that had any: how late events arrive.</summary>
    public TimeSpan? IngestionLag { get; init; }

    /// <summary>When a read last completed (every page); null until one did.</summary>
    public DateTimeOffset? LastSuccess { get; init; }

    /// <summary>The AWS error code of the current run of failed reads (<see cref="Aws.ApiOutcome"/>); null while reads succeed.</summary>
    public string? FailureCode { get; init; }

    /// <summary>True while the last read was not permitted (<c>logs:FilterLogEvents</c>).</summary>
    public bool Denied { get; init; }
}
