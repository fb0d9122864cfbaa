using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace ClientVpnExporter.Security;

/// <summary>
/// The <c>tls_server_config</c> of the web configuration file, loaded: the server certificate with its key, the
/// intermediates sent along with it, and who may connect.
/// </summary>
internal sealed class TlsServerConfig
{
    private static readonly Oid ClientAuthenticationUsage = new("1.3.6.1.5.5.7.3.2");

    public required X509Certificate2 Certificate { get; init; }

    /// <summary>Certificates after the first in <c>cert_file</c>: intermediates the client may need to build the chain.</summary>
    public X509Certificate2Collection Intermediates { get; init; } = [];

    /// <summary>The roots a client certificate must chain to (<c>client_ca_file</c>); empty when not configured.</summary>
    public X509Certificate2Collection ClientCertificateAuthorities { get; init; } = [];

    public ClientAuthType ClientAuth { get; init; }

    /// <summary>TLS 1.2 and 1.3 by default (<c>min_version: TLS12</c>), or TLS 1.3 alone.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>Serves TLS on <paramref name="listen"/>, whatever scheme its URL was given with.</summary>
    public void ApplyTo(ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = this.Certificate,
            ServerCertificateChain = this.Intermediates,
            SslProtocols = this.Protocols,
            ClientCertificateMode = this.ClientAuth switch
            {
                ClientAuthType.RequestClientCert or ClientAuthType.VerifyClientCertIfGiven => ClientCertificateMode.AllowCertificate,
                ClientAuthType.RequireAnyClientCert or ClientAuthType.RequireAndVerifyClientCert => ClientCertificateMode.RequireCertificate,
                _ => ClientCertificateMode.NoCertificate,
            },
            ClientCertificateValidation = (certificate, _, _) => this.AcceptsClientCertificate(certificate),
        });
    }

    /// <summary>
    /// Whether a client certificate that was sent is accepted. Kestrel calls this only for a certificate that is
    /// present; a missing one is refused or let through by the certificate mode alone.
    /// </summary>
    internal bool AcceptsClientCertificate(X509Certificate2 certificate)
    {
        if (this.ClientAuth is not (ClientAuthType.VerifyClientCertIfGiven or ClientAuthType.RequireAndVerifyClientCert))
        {
            // The toolkit's Request/RequireAny modes take any certificate, as Go's tls package does.
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(this.ClientCertificateAuthorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthenticationUsage);
        return chain.Build(certificate);
    }
}
