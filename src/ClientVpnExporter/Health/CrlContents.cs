namespace ClientVpnExporter.Health;

/// <summary>What <see cref="CrlParser"/> decodes of a CRL.</summary>
/// <param name="ThisUpdate">When it was issued.</param>
/// <param name="NextUpdate">When the next one is due; null when the CRL names no date.</param>
/// <param name="RevokedCertificates">The entries of <c>revokedCertificates</c>.</param>
internal sealed record CrlContents(DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate, long RevokedCertificates);
