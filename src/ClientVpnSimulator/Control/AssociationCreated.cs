namespace ClientVpnSimulator.Control;

/// <summary>The answer to <c>POST /sim/endpoints/{id}/associations</c>.</summary>
/// <param name="AssociationId">The new association's id.</param>
internal sealed record AssociationCreated(string AssociationId);
