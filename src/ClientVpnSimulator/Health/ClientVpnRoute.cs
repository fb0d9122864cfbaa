namespace ClientVpnSimulator.Health;

/// <summary>One route of an endpoint's route table, as <c>DescribeClientVpnRoutes</c> lists it.</summary>
/// <param name="DestinationCidr">The destination.</param>
/// <param name="TargetSubnet">The subnet traffic goes through.</param>
/// <param name="Origin"><c>associate</c> (added by a subnet association, removed with it) or <c>add-route</c>.</param>
/// <param name="Description">Its description.</param>
/// <param name="Status">Its <c>status/code</c>, one of <see cref="HealthStatusCodes.Route"/>.</param>
/// <param name="Message">Its <c>status/message</c>; null for none.</param>
/// <param name="Sequence">Its place in the listing, which a page token continues after.</param>
internal sealed record ClientVpnRoute(long Sequence, string DestinationCidr, string TargetSubnet, string Origin, string Description, string Status, string? Message)
{
    /// <summary>The route type Client VPN reports for a route through a subnet.</summary>
    public const string Type = "Nat";
}
