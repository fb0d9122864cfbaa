namespace ClientVpnExporter.Health;

/// <summary>
/// An endpoint's client certificate revocation list, from <c>ec2:ExportClientVpnClientCertificateRevocationList</c>,
/// with the dates and entries decoded from the CRL itself (<see cref="CrlParser"/>).
/// </summary>
/// <param name="Status">The export's <c>status/code</c>: <c>pending</c> or <c>active</c>.</param>
/// <param name="ThisUpdate">When the CRL was issued.</param>
/// <param name="NextUpdate">When the issuer promises the next one; past it, clients cannot connect. Null when the CRL names none.</param>
/// <param name="RevokedCertificates">How many certificates it revokes.</param>
internal sealed record CrlReading(string Status, DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate, long RevokedCertificates);
