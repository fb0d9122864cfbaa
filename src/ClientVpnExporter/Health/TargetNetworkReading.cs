namespace ClientVpnExporter.Health;

/// <summary>One subnet association of an endpoint, from <c>ec2:DescribeClientVpnTargetNetworks</c>.</summary>
/// <param name="AssociationId">The association's id (<c>cvpn-assoc-…</c>).</param>
/// <param name="SubnetId">The associated subnet (the API's <c>targetNetworkId</c>).</param>
/// <param name="VpcId">The subnet's VPC.</param>
/// <param name="AvailabilityZone">The subnet's Availability Zone(s), sorted and joined with commas; empty when the API gave none.</param>
/// <param name="Status">One of <see cref="HealthStatuses.TargetNetwork"/>.</param>
internal sealed record TargetNetworkReading(string AssociationId, string SubnetId, string VpcId, string AvailabilityZone, string Status);
