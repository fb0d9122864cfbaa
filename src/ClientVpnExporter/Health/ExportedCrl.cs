namespace ClientVpnExporter.Health;

/// <summary>What <c>ExportClientVpnClientCertificateRevocationList</c> answers.</summary>
/// <param name="Pem">The CRL in PEM; empty when the endpoint has none.</param>
/// <param name="Status">Its <c>status/code</c> (<c>pending</c>, <c>active</c>), empty when AWS gave none.</param>
internal sealed record ExportedCrl(string Pem, string Status);
