using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Persistence;

/// <summary>
/// What the state file holds: the ledgers of the endpoints the exporter follows, so that a restarted exporter
/// continues their totals instead of starting again from a baseline. Bounded by what the ledgers hold.
/// </summary>
/// <remarks>Settable properties: the JSON source generator would set absent init-only ones to their type's default.</remarks>
internal sealed class StateDocument
{
    /// <summary>The version this exporter writes; it reads this one and <see cref="OldestReadVersion"/>, and does not use a file of another.</summary>
    /// <remarks>
    /// Version 2 added <see cref="CountingStart"/>: a version 1 file's connections would count whole if first seen later.
    /// Version 3 added each ledger's session-duration histograms (<see cref="LedgerRecord.SessionDurations"/>); a version 2
    /// file still loads, its totals continue and its histograms start empty.
    /// </remarks>
    public const int CurrentVersion = 3;

    /// <summary>The oldest version still read: every version from it to <see cref="CurrentVersion"/> loads.</summary>
    public const int OldestReadVersion = 2;

    public int Version { get; set; }

    /// <summary>The API time from which the exporter counts; a connection established before it is never counted whole. Null while not known.</summary>
    public DateTimeOffset? CountingStart { get; set; }

    public List<EndpointRecord> Endpoints { get; set; } = [];
}
