using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Logs;

/// <summary>
/// One event of an endpoint's connection log. Its message is rendered when read, from the connection it is about,
/// so that a retained event costs a few words rather than its JSON text; a value, so that hours of events are a few
/// arrays rather than millions of objects for the collector to trace.
/// </summary>
internal readonly record struct ConnectionLogEvent
{
    /// <summary>The event's <c>timestamp</c>, epoch milliseconds: when it happened.</summary>
    public required long TimestampMs { get; init; }

    /// <summary>The event's <c>ingestionTime</c>: FilterLogEvents serves it from this simulated instant on.</summary>
    public required long IngestionMs { get; init; }

    /// <summary>Orders events of the same timestamp, and makes the event id unique within the log.</summary>
    public required long Sequence { get; init; }

    /// <summary>What the entry records.</summary>
    public required ConnectionLogEntryKind Kind { get; init; }

    /// <summary>The <c>connection-attempt-status</c>: <c>successful</c>, <c>failed</c>, <c>waiting-for-assertion</c>, or <c>NA</c>.</summary>
    public required string AttemptStatus { get; init; }

    /// <summary>The <c>connection-attempt-failure-reason</c>; <see cref="AttemptReasons.None"/> when none.</summary>
    public required string Reason { get; init; }

    /// <summary>The <c>connection-id</c>.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>Who tried to connect.</summary>
    public required SimulatedUser User { get; init; }

    /// <summary>The session, for an attempt that established one and for its end; null for a failed or SAML-pending attempt.</summary>
    public SimulatedConnection? Connection { get; init; }

    /// <summary>Whether FilterLogEvents serves it at <paramref name="nowMs"/>.</summary>
    public bool IsIngestedAt(long nowMs) => this.IngestionMs <= nowMs;
}
