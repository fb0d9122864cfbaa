namespace ClientVpnSimulator.Health;

/// <summary>One authorization rule of an endpoint, as <c>DescribeClientVpnAuthorizationRules</c> lists it.</summary>
/// <param name="DestinationCidr">The network the rule opens.</param>
/// <param name="GroupId">The directory or SAML group it grants access to; null when it grants all clients.</param>
/// <param name="Description">Its description.</param>
/// <param name="Status">Its <c>status/code</c>, one of <see cref="HealthStatusCodes.AuthorizationRule"/>.</param>
/// <param name="Message">Its <c>status/message</c>; null for none.</param>
/// <param name="Sequence">Its place in the listing, which a page token continues after.</param>
internal sealed record AuthorizationRule(long Sequence, string DestinationCidr, string? GroupId, string Description, string Status, string? Message)
{
    /// <summary>Whether the rule grants access to all clients.</summary>
    public bool AccessAll => this.GroupId is null;
}
