using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>A test CA and a server certificate it issued for one DNS name, in the PEM files a kubernetes.io/tls Secret holds.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly X509Certificate2 authority;

    private TestCertificates(X509Certificate2 authority, X509Certificate2 server, RSA serverKey)
    {
        this.authority = authority;
        this.AuthorityPem = authority.ExportCertificatePem();
        this.ServerPem = server.ExportCertificatePem();
        this.ServerKeyPem = serverKey.ExportPkcs8PrivateKeyPem();
        server.Dispose();
    }

    public string AuthorityPem { get; }

    public string ServerPem { get; }

    public string ServerKeyPem { get; }

    public static TestCertificates Issue(string dnsName)
    {
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=clientvpn-exporter chart test CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        var authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest($"CN={dnsName}", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var server = serverRequest.Create(authority, now.AddMinutes(-5), now.AddDays(1), [1, 4, 1, 4]);
        return new TestCertificates(authority, server, serverKey);
    }

    /// <summary>Whether <paramref name="presented"/> chains to the test CA and is issued for <paramref name="dnsName"/>.</summary>
    public bool Verifies(X509Certificate2 presented, string dnsName)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(this.authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented) && presented.MatchesHostname(dnsName);
    }

    public void Dispose() => this.authority.Dispose();
}
