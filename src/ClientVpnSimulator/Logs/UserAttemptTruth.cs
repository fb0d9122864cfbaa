namespace ClientVpnSimulator.Logs;

/// <summary>Attempts of one user of one endpoint with one status, in the exporter's label values.</summary>
/// <param name="User">The <c>username</c>, or the <c>common-name</c> where there is none (certificate authentication).</param>
/// <param name="Status"><c>successful</c>, <c>failed</c>, <c>waiting-for-assertion</c> or <c>other</c>.</param>
/// <param name="Count">How many.</param>
internal sealed record UserAttemptTruth(string User, string Status, long Count);
