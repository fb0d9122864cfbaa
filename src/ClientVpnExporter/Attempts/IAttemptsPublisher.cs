namespace ClientVpnExporter.Attempts;

/// <summary>
/// Where the attempts loop hands its readings at the end of each read, to be joined to the fleet view scrapes see
/// (<c>EndpointView.Attempts</c>) at once, without waiting for the next poll.
/// </summary>
internal interface IAttemptsPublisher
{
    /// <summary>Makes <paramref name="readings"/> (by endpoint id; every endpoint the read covered) what scrapes see.</summary>
    void Publish(IReadOnlyDictionary<string, AttemptReading> readings);
}
