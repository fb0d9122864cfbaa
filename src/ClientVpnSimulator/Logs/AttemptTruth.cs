namespace ClientVpnSimulator.Logs;

/// <summary>Attempts of one endpoint with one status and reason, in the exporter's label values.</summary>
/// <param name="Status"><c>successful</c>, <c>failed</c>, <c>waiting-for-assertion</c> or <c>other</c>.</param>
/// <param name="Reason">A documented failure reason, <c>none</c>, or <c>other</c>.</param>
/// <param name="Count">How many.</param>
internal sealed record AttemptTruth(string Status, string Reason, long Count);
