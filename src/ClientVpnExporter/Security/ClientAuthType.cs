namespace ClientVpnExporter.Security;

/// <summary>
/// The exporter-toolkit's <c>client_auth_type</c>: whether a TLS client must present a certificate and whether it
/// is checked against <c>client_ca_file</c>. The names are the toolkit's (Go's <c>tls.ClientAuthType</c>).
/// </summary>
internal enum ClientAuthType
{
    /// <summary>No client certificate is asked for (the default).</summary>
    NoClientCert,

    /// <summary>A client certificate is asked for; any, or none, is accepted.</summary>
    RequestClientCert,

    /// <summary>A client certificate is required; any is accepted.</summary>
    RequireAnyClientCert,

    /// <summary>A client certificate is optional; one that is sent must chain to <c>client_ca_file</c>.</summary>
    VerifyClientCertIfGiven,

    /// <summary>A client certificate is required and must chain to <c>client_ca_file</c>.</summary>
    RequireAndVerifyClientCert,
}
