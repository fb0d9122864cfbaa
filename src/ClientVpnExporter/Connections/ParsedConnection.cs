namespace ClientVpnExporter.Connections;

/// <summary>
/// One connection as the exporter understands it. A counter whose string did not parse is null, so the
/// ledger can keep that field's last good value while the rest of the connection still counts.
/// </summary>
internal sealed record ParsedConnection
{
    public required string ConnectionId { get; init; }

    /// <summary>The API's status code (<c>active</c>, <c>terminating</c>, ...), or <c>unknown</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Who the connection belongs to: the Username when set, else the CommonName.</summary>
    public required string User { get; init; }

    public string? CommonName { get; init; }

    public string? ClientIp { get; init; }

    public string? ClientIpv6Address { get; init; }

    /// <summary>The posture label: statuses sorted and joined, <c>none</c> when there are none.</summary>
    public required string Posture { get; init; }

    public ulong? IngressBytes { get; init; }

    public ulong? EgressBytes { get; init; }

    public ulong? IngressPackets { get; init; }

    public ulong? EgressPackets { get; init; }

    /// <summary>The API's <c>Timestamp</c>: the service's time when it listed the connection, null when it did not parse.</summary>
    public DateTimeOffset? ReadAt { get; init; }

    public DateTimeOffset? EstablishedAt { get; init; }

    /// <summary>When the session ended; null while it has not (the API's <c>-</c>).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public bool IsActive => this.Status == ConnectionStatuses.Active;
}
