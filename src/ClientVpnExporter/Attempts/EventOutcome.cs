namespace ClientVpnExporter.Attempts;

/// <summary>What a read made of one connection log event: the <c>outcome</c> of <c>clientvpn_exporter_connection_log_events_total</c>.</summary>
internal enum EventOutcome
{
    /// <summary>An attempt, counted in <c>clientvpn_connection_attempts_total</c>.</summary>
    Counted,

    /// <summary>An event already seen (its id), by an earlier read of the overlapping lookback window or earlier in this one.</summary>
    Duplicate,

    /// <summary>Not an attempt: a reset, or the update or end of a session already counted.</summary>
    NotAttempt,

    /// <summary>Not a connection log entry the exporter can read (also in <c>clientvpn_exporter_parse_errors_total</c>).</summary>
    Malformed,

    /// <summary>An event from before the exporter started counting: totals count from the exporter's start.</summary>
    BeforeStart,
}
