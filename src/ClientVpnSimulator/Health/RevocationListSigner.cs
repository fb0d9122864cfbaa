using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Health;

/// <summary>
/// Renders a <see cref="RevocationList"/> as the PEM CRL Client VPN exports: a real X.509 CRL (RFC 5280), signed
/// by a throwaway certificate authority of the endpoint (ECDSA P-256, made the first time the endpoint's CRL is
/// asked for), named as the endpoint's client root certificate in ACM.
/// </summary>
/// <remarks>
/// Everything the CRL says follows from the seed and the control API: issuer name, CRL number, <c>thisUpdate</c>,
/// <c>nextUpdate</c>, serials and revocation times. The key and the signature do not (ECDSA keys and signatures are
/// random), so the bytes differ between runs; within a run, the same list renders the same bytes every time.
/// </remarks>
internal sealed class RevocationListSigner : IDisposable
{
    // Wide enough that any thisUpdate the control API accepts falls inside the authority's validity.
    private static readonly DateTimeOffset AuthorityNotBefore = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AuthorityNotAfter = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock sync = new();
    private readonly Dictionary<string, X509Certificate2> authorities = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<RevocationList, string> rendered = [];

    /// <summary>The common name of an endpoint's client root certificate authority.</summary>
    public static string CaName(EndpointProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return $"{profile.Name} client root CA";
    }

    /// <summary>The PEM (<c>-----BEGIN X509 CRL-----</c>) of <paramref name="list"/>, as imported into <paramref name="profile"/>'s endpoint.</summary>
    public string Pem(EndpointProfile profile, RevocationList list)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(list);
        lock (this.sync)
        {
            if (this.rendered.TryGetValue(list, out var pem))
            {
                return pem;
            }

            var builder = new CertificateRevocationListBuilder();
            foreach (var entry in list.Revoked)
            {
                builder.AddEntry(Convert.FromHexString(entry.Serial), DateTimeOffset.FromUnixTimeMilliseconds(entry.RevokedAtMs));
            }

            var der = builder.Build(
                this.AuthorityOf(profile),
                list.Number,
                DateTimeOffset.FromUnixTimeMilliseconds(list.NextUpdateMs),
                HashAlgorithmName.SHA256,
                thisUpdate: DateTimeOffset.FromUnixTimeMilliseconds(list.ThisUpdateMs));
            pem = new string(PemEncoding.Write("X509 CRL", der)) + "\n";
            this.rendered.AddOrUpdate(list, pem);
            return pem;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (this.sync)
        {
            foreach (var authority in this.authorities.Values)
            {
                authority.Dispose();
            }

            this.authorities.Clear();
        }
    }

    private X509Certificate2 AuthorityOf(EndpointProfile profile)
    {
        if (this.authorities.TryGetValue(profile.Id, out var authority))
        {
            return authority;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + CaName(profile), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        authority = request.CreateSelfSigned(AuthorityNotBefore, AuthorityNotAfter);
        this.authorities.Add(profile.Id, authority);
        return authority;
    }
}
