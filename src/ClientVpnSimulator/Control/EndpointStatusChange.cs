namespace ClientVpnSimulator.Control;

/// <summary>The body of <c>POST /sim/endpoints/{id}/status</c>.</summary>
/// <param name="Code">The status to report: available, pending-associate, deleting or deleted.</param>
internal sealed record EndpointStatusChange(string Code);
