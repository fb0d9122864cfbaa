namespace ClientVpnExporter.Persistence;

/// <summary>
/// What the state file holds: the ledgers of the endpoints the exporter follows, so that a restarted exporter
/// continues their totals instead of starting again from a baseline. Bounded by what the ledgers hold.
/// </summary>
/// <remarks>Settable properties: the JSON source generator would set absent init-only ones to their type's default.</remarks>
internal sealed class StateDocument
{
    /// <summary>The version this exporter writes and reads; a file of another version is not used.</summary>
    /// <remarks>Version 2 added <see cref="CountingStart"/>: a version 1 file's connections would count whole if first seen later.</remarks>
    public const int CurrentVersion = 2;

    public int Version { get; set; }

    /// <summary>The API time from which the exporter counts; a connection established before it is never counted whole. Null while not known.</summary>
    public DateTimeOffset? CountingStart { get; set; }

    public List<EndpointRecord> Endpoints { get; set; } = [];
}
