using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// One metric family of per-user or per-connection detail: its name, unit and help, and how one endpoint's
/// samples are read from its reading. Written straight to <c>/metrics</c> rather than through an instrument
/// (see <see cref="Exposition.DetailExposition"/>).
/// </summary>
internal sealed record DetailFamily(
    string Name,
    string Unit,
    string Description,
    SeriesKind Kind,
    Action<string, EndpointReading, ISeriesSink> Write)
{
    /// <summary>The endpoints this family reports on: gauges only those still current, counters all.</summary>
    public IEnumerable<(string EndpointId, EndpointReading Reading)> ReadingsIn(FleetView snapshot) =>
        SnapshotReadings.Of(snapshot, currentOnly: this.Kind != SeriesKind.LongCounter);
}
