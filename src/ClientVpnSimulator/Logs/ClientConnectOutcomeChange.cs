namespace ClientVpnSimulator.Logs;

/// <summary>The body of <c>POST /sim/endpoints/{id}/client-connect-outcome</c>: <c>{"deny":true,"seconds":600}</c>.</summary>
internal sealed record ClientConnectOutcomeChange
{
    /// <summary>Whether the handler denies every attempt from now on; false ends a denial now.</summary>
    public required bool Deny { get; init; }

    /// <summary>How many simulated seconds the denial lasts; absent: until set back.</summary>
    public double? Seconds { get; init; }
}
