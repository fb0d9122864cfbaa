using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace ClientVpnExporter.Security;

/// <summary>
/// The <c>tls_server_config</c> of the web configuration file, loaded: the certificate files and what they held at
/// startup, and who may connect. The files are watched by <see cref="TlsCertificateReloader"/>; the rest is fixed.
/// </summary>
internal sealed class TlsServerConfig
{
    private static readonly Oid ClientAuthenticationUsage = new("1.3.6.1.5.5.7.3.2");

    public required TlsCertificateFiles Files { get; init; }

    /// <summary>What the files held at startup.</summary>
    public required TlsCertificates Certificates { get; init; }

    /// <summary>The <see cref="TlsCertificateFiles.Stamp"/> of the files, taken before they were read at startup.</summary>
    public required string FilesStamp { get; init; }

    public ClientAuthType ClientAuth { get; init; }

    /// <summary>TLS 1.2 and 1.3 by default (<c>min_version: TLS12</c>), or TLS 1.3 alone.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>
    /// Serves TLS on <paramref name="listen"/>, whatever scheme its URL was given with. Each handshake takes the
    /// certificates <paramref name="certificates"/> holds at that moment, so rotated files serve new connections
    /// without a restart.
    /// </summary>
    public void ApplyTo(ListenOptions listen, TlsCertificateReloader certificates)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(certificates);
        listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = _ => ValueTask.FromResult(this.ServerOptions(certificates.Current)) });
    }

    internal SslServerAuthenticationOptions ServerOptions(TlsCertificates current) => new()
    {
        ServerCertificateContext = current.Context,
        EnabledSslProtocols = this.Protocols,

        // Asks the client for a certificate; whether one must come is decided by the validation below.
        ClientCertificateRequired = this.ClientAuth != ClientAuthType.NoClientCert,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, _) => this.AcceptsClientCertificate(certificate, current.ClientCertificateAuthorities),
    };

    /// <summary>Whether the client's certificate, or the lack of one, is accepted.</summary>
    internal bool AcceptsClientCertificate(X509Certificate? certificate, X509Certificate2Collection authorities)
    {
        if (certificate is null)
        {
            return this.ClientAuth is not (ClientAuthType.RequireAnyClientCert or ClientAuthType.RequireAndVerifyClientCert);
        }

        if (this.ClientAuth is not (ClientAuthType.VerifyClientCertIfGiven or ClientAuthType.RequireAndVerifyClientCert))
        {
            // The toolkit's Request/RequireAny modes take any certificate, as Go's tls package does.
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthenticationUsage);
        if (certificate is X509Certificate2 certificate2)
        {
            return chain.Build(certificate2);
        }

        using var converted = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(converted);
    }
}
