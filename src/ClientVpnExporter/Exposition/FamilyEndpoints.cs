namespace ClientVpnExporter.Exposition;

/// <summary>Which endpoints of a <see cref="FleetView"/> a <see cref="MetricFamily"/> writes samples for.</summary>
internal enum FamilyEndpoints
{
    /// <summary>Every endpoint the exporter knows, read or not.</summary>
    All,

    /// <summary>
    /// Every endpoint with a reading, for counters and histograms: what they counted stays true while an endpoint fails.
    /// </summary>
    WithReading,

    /// <summary>
    /// Endpoints with a reading that is not stale, for gauges: an endpoint failing past the staleness bound is left
    /// out, since its gauges would pretend to be current.
    /// </summary>
    WithCurrentReading,

    /// <summary>
    /// Endpoints the health loop has read (<see cref="EndpointView.Health"/>): what it read stays served while later
    /// reads fail, as its last-success timestamps show.
    /// </summary>
    WithHealth,

    /// <summary>
    /// Endpoints whose connection log the attempts loop has read completely at least once: their counts stay served
    /// while later reads fail.
    /// </summary>
    WithAttempts,

    /// <summary>Endpoints the health loop has read or whose connection log has been read: the last-success family of both.</summary>
    WithHealthOrAttempts,
}
