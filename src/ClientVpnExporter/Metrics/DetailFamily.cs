using ClientVpnExporter.State;

namespace ClientVpnExporter.Metrics;

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
    /// <summary>
    /// The endpoints this family reports on: those with a reading, except that gauges of an endpoint failing past
    /// the staleness bound are dropped, since they would pretend to be current (counters keep what is known).
    /// </summary>
    public IEnumerable<(string EndpointId, EndpointReading Reading)> ReadingsIn(FleetSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var endpoint in snapshot.Endpoints)
        {
            if (endpoint.Reading is { } reading && !(endpoint.Stale && this.Kind != SeriesKind.LongCounter))
            {
                yield return (endpoint.Endpoint.EndpointId, reading);
            }
        }
    }
}
