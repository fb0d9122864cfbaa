namespace ClientVpnSimulator.Control;

/// <summary>An authorization rule or a route.</summary>
/// <param name="DestinationCidr">Its destination.</param>
/// <param name="Target">A rule's group (null: every client); a route's target subnet.</param>
/// <param name="Status">Its <c>status/code</c>.</param>
internal sealed record RouteOrRuleTruth(string DestinationCidr, string? Target, string Status);
