namespace ClientVpnSimulator.Health;

/// <summary>One entry of a certificate revocation list.</summary>
/// <param name="Serial">The revoked client certificate's serial number, lowercase hexadecimal, even length.</param>
/// <param name="RevokedAtMs">When it was revoked.</param>
internal sealed record RevokedCertificate(string Serial, long RevokedAtMs);
