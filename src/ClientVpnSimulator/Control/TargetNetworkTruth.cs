namespace ClientVpnSimulator.Control;

/// <summary>A subnet association.</summary>
/// <param name="AssociationId">Its id.</param>
/// <param name="SubnetId">The subnet (<c>targetNetworkId</c>).</param>
/// <param name="AvailabilityZone">The subnet's zone.</param>
/// <param name="Status">Its <c>status/code</c>.</param>
internal sealed record TargetNetworkTruth(string AssociationId, string SubnetId, string AvailabilityZone, string Status);
