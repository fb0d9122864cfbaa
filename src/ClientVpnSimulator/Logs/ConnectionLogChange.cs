namespace ClientVpnSimulator.Logs;

/// <summary>The body of <c>POST /sim/endpoints/{id}/connection-log</c>: <c>{"enabled":false}</c>.</summary>
internal sealed record ConnectionLogChange
{
    /// <summary>Whether the endpoint logs its connections from now on.</summary>
    public required bool Enabled { get; init; }
}
