namespace ClientVpnSimulator.Control;

/// <summary>How many listed connections share a status and an exact posture list.</summary>
/// <param name="Status">The <c>Status.Code</c>.</param>
/// <param name="PostureStatuses">The posture list, sorted ordinally; empty for none.</param>
/// <param name="Count">The number of connections.</param>
internal sealed record ConnectionGroup(string Status, IReadOnlyList<string> PostureStatuses, int Count);
