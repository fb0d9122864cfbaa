namespace ClientVpnSimulator.Control;

/// <summary>The body that sets the status of an association, a rule, a route or the client-connect handler.</summary>
internal sealed record HealthStatusChange
{
    /// <summary>The <c>status/code</c> to report.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>The <c>status/message</c> to report; absent: none.</summary>
    public string? Message { get; set; }
}
