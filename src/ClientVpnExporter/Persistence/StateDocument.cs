namespace ClientVpnExporter.Persistence;

/// <summary>
/// What the state file holds: the ledgers of the endpoints the exporter follows, so that a restarted exporter
/// continues their totals instead of starting again from a baseline. Bounded by what the ledgers hold.
/// </summary>
/// <remarks>Settable properties: the JSON source generator would set absent init-only ones to their type's default.</remarks>
internal sealed class StateDocument
{
    /// <summary>The version this exporter writes and reads; a file of another version is not used.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; set; }

    public List<EndpointRecord> Endpoints { get; set; } = [];
}
