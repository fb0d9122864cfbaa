namespace ClientVpnSimulator.Control;

/// <summary>What the exported CRL says.</summary>
/// <param name="Number">The CRL number.</param>
/// <param name="ThisUpdate">Its <c>thisUpdate</c>, UTC.</param>
/// <param name="NextUpdate">Its <c>nextUpdate</c>, UTC.</param>
/// <param name="RevokedSerials">The revoked serials, lowercase hexadecimal, in order.</param>
/// <param name="RevokedCount">How many entries it has.</param>
/// <param name="Status">Its <c>status/code</c>.</param>
internal sealed record RevocationListTruth(long Number, DateTime ThisUpdate, DateTime NextUpdate, IReadOnlyList<string> RevokedSerials, int RevokedCount, string Status);
