namespace ClientVpnSimulator.Control;

/// <summary>The answer to <c>POST /sim/endpoints</c>.</summary>
/// <param name="EndpointId">The id of the new endpoint.</param>
internal sealed record EndpointCreated(string EndpointId);
