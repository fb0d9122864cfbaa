namespace ClientVpnExporter.Connections;

/// <summary>Everything the last complete poll of one endpoint produced. Immutable once published.</summary>
internal sealed record EndpointReading
{
    public required IReadOnlyList<ConnectionCount> ConnectionCounts { get; init; }

    public required long ActiveUsers { get; init; }

    public required IReadOnlyList<PostureTotals> Totals { get; init; }

    /// <summary>Per-user series; empty unless per-user detail is on.</summary>
    public IReadOnlyList<UserSeries> Users { get; init; } = [];

    /// <summary>Per-connection series; empty unless per-connection detail is on.</summary>
    public IReadOnlyList<ConnectionSeries> Connections { get; init; } = [];
}
