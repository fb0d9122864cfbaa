using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Exposition;

/// <summary>The endpoint readings of a snapshot that a series reports on.</summary>
internal static class SnapshotReadings
{
    /// <summary>
    /// Every endpoint with a reading, for counters: what they counted stays true while an endpoint fails.
    /// With <paramref name="currentOnly"/>, for gauges: an endpoint failing past the staleness bound is left out,
    /// since its gauges would pretend to be current.
    /// </summary>
    public static IEnumerable<(string EndpointId, EndpointReading Reading)> Of(FleetView snapshot, bool currentOnly)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var endpoint in snapshot.Endpoints)
        {
            if (endpoint.Reading is { } reading && !(currentOnly && endpoint.Stale))
            {
                yield return (endpoint.Endpoint.EndpointId, reading);
            }
        }
    }
}
