namespace ClientVpnExporter.Connections;

/// <summary>Everything the last complete poll of one endpoint produced. Immutable once published.</summary>
internal sealed record EndpointReading
{
    public required IReadOnlyList<ConnectionCount> ConnectionCounts { get; init; }

    public required long ActiveUsers { get; init; }

    public required IReadOnlyList<PostureTotals> Totals { get; init; }

    /// <summary>Each posture's session-duration histogram, cumulative for the ledger's life; empty until a session is observed.</summary>
    public IReadOnlyList<PostureSessions> SessionDurations { get; init; } = [];

    /// <summary>
    /// The sessions this reading's listing observed in <see cref="SessionDurations"/>, each exactly once: for the OTLP
    /// push, whose histogram is synchronous and must be fed each duration rather than the buckets.
    /// </summary>
    public IReadOnlyList<EndedSession> EndedSessions { get; init; } = [];

    /// <summary>Per-user series; empty unless per-user detail is on.</summary>
    public IReadOnlyList<UserSeries> Users { get; init; } = [];

    /// <summary>Per-connection series; empty unless per-connection detail is on.</summary>
    public IReadOnlyList<ConnectionSeries> Connections { get; init; } = [];

    /// <summary>
    /// The fields of the applied listing that did not parse, then the counters that grew more than a connection
    /// could have (<see cref="TrafficPlausibility"/>), which kept their last good value: for the poller to log and count.
    /// </summary>
    public IReadOnlyList<ParseError> ParseErrors { get; init; } = [];
}
