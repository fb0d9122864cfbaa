namespace ClientVpnSimulator.Organizations;

/// <summary>The body of <c>POST /sim/organization/accounts/{id}/state</c>: <c>{"state":"SUSPENDED"}</c>.</summary>
internal sealed record AccountStateChange
{
    /// <summary>One of <see cref="AccountState.All"/>.</summary>
    public required string State { get; init; }
}
