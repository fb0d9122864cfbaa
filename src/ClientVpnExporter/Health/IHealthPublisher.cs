namespace ClientVpnExporter.Health;

/// <summary>
/// Where the health loop hands its readings at the end of each cycle, to be joined to the fleet view scrapes see
/// (<c>EndpointView.Health</c>) at once, without waiting for the next poll.
/// </summary>
internal interface IHealthPublisher
{
    /// <summary>Makes <paramref name="readings"/> (by endpoint id; every endpoint the cycle read) what scrapes see.</summary>
    void Publish(IReadOnlyDictionary<string, HealthReading> readings);
}
