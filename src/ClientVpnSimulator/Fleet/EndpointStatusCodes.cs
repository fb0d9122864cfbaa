namespace ClientVpnSimulator.Fleet;

/// <summary>The <c>Status.Code</c> values of a Client VPN endpoint that the simulator can be told to report.</summary>
internal static class EndpointStatusCodes
{
    /// <summary>Associated with a target network and accepting connections.</summary>
    public const string Available = "available";

    /// <summary>Every status, in lifecycle order.</summary>
    public static IReadOnlyList<string> All { get; } = [Available, "pending-associate", "deleting", "deleted"];
}
