namespace ClientVpnSimulator.Health;

/// <summary>One subnet associated with an endpoint, as <c>DescribeClientVpnTargetNetworks</c> lists it.</summary>
/// <param name="AssociationId">The association id, <c>cvpn-assoc-</c> and 17 hexadecimal digits.</param>
/// <param name="SubnetId">The subnet, the association's <c>targetNetworkId</c>.</param>
/// <param name="AvailabilityZone">The subnet's Availability Zone (one association per zone); the API does not show it, ground truth does.</param>
/// <param name="Status">Its <c>status/code</c>, one of <see cref="HealthStatusCodes.Association"/>.</param>
/// <param name="Message">Its <c>status/message</c>; null for none.</param>
/// <param name="Sequence">Its place in the listing, which a page token continues after.</param>
internal sealed record TargetNetworkAssociation(long Sequence, string AssociationId, string SubnetId, string AvailabilityZone, string Status, string? Message);
