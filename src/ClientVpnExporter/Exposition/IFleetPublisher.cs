namespace ClientVpnExporter.Exposition;

/// <summary>
/// Where a completed poll hands its view of the fleet: the one way data enters exposition. After <see cref="Publish"/>
/// returns, every scrape serves that view or a later one, never an earlier one.
/// </summary>
internal interface IFleetPublisher
{
    /// <summary>Makes <paramref name="view"/> what scrapes serve.</summary>
    void Publish(FleetView view);
}
