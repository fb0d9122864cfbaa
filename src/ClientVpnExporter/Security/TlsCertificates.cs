using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ClientVpnExporter.Security;

/// <summary>
/// What the files of <see cref="TlsCertificateFiles"/> held when last read successfully: the server certificate with
/// its key, the intermediates sent with it, and the roots a client certificate must chain to.
/// </summary>
internal sealed class TlsCertificates
{
    public TlsCertificates(X509Certificate2 leaf, X509Certificate2Collection intermediates, X509Certificate2Collection clientCertificateAuthorities)
    {
        this.Leaf = leaf;
        this.Intermediates = intermediates;
        this.ClientCertificateAuthorities = clientCertificateAuthorities;

        // Built once per certificate rather than per handshake; offline: the chain comes from cert_file, not the network.
        this.Context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }

    public X509Certificate2 Leaf { get; }

    /// <summary>Certificates after the first in <c>cert_file</c>: intermediates the client may need to build the chain.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>The roots a client certificate must chain to (<c>client_ca_file</c>); empty when not configured.</summary>
    public X509Certificate2Collection ClientCertificateAuthorities { get; }

    /// <summary>The certificate and its chain as SslStream sends them.</summary>
    public SslStreamCertificateContext Context { get; }
}
