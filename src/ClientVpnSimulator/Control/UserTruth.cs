namespace ClientVpnSimulator.Control;

/// <summary>The ground truth of one user of one endpoint.</summary>
/// <param name="User">The user name, or the common name where there is no user name.</param>
/// <param name="IngressBytes">Over every connection of the user ever.</param>
/// <param name="EgressBytes">Over every connection of the user ever.</param>
/// <param name="IngressPackets">Over every connection of the user ever.</param>
/// <param name="EgressPackets">Over every connection of the user ever.</param>
/// <param name="ConnectionsByStatus">The user's listed connections by <c>Status.Code</c>; statuses without any are left out.</param>
internal sealed record UserTruth(
    string User,
    ulong IngressBytes,
    ulong EgressBytes,
    ulong IngressPackets,
    ulong EgressPackets,
    IReadOnlyDictionary<string, int> ConnectionsByStatus);
