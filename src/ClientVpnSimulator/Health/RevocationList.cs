namespace ClientVpnSimulator.Health;

/// <summary>
/// The client certificate revocation list imported into an endpoint: what its signed CRL says. Replaced as a
/// whole when it changes, so a copy taken under the fleet lock stays valid, and a signed rendering can be kept
/// for as long as the same instance is in force.
/// </summary>
/// <param name="Number">The CRL number, one more at every import.</param>
/// <param name="ThisUpdateMs">The CRL's <c>thisUpdate</c>.</param>
/// <param name="NextUpdateMs">The CRL's <c>nextUpdate</c>: past it, clients cannot connect.</param>
/// <param name="Revoked">The revoked serials, in the order they were revoked.</param>
/// <param name="Status"><c>active</c>, or <c>pending</c> right after an import.</param>
internal sealed record RevocationList(long Number, long ThisUpdateMs, long NextUpdateMs, IReadOnlyList<RevokedCertificate> Revoked, string Status)
{
    /// <summary>The most entries Client VPN accepts in one CRL.</summary>
    public const int MaxEntries = 20_000;
}
