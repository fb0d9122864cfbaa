using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ClientVpnExporter.Tests.Health;

/// <summary>Real CRLs signed by a throwaway CA with the BCL's <see cref="CertificateRevocationListBuilder"/>, for the CRL tests.</summary>
internal static class TestCrls
{
    public static readonly DateTimeOffset ThisUpdate = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset NextUpdate = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A CRL revoking <paramref name="revoked"/> certificates, as the PEM that ExportClientVpnClientCertificateRevocationList answers.</summary>
    public static string Pem(int revoked, DateTimeOffset? nextUpdate = null) =>
        new string(PemEncoding.Write("X509 CRL", Der(revoked, nextUpdate ?? NextUpdate)));

    public static byte[] Der(int revoked, DateTimeOffset nextUpdate)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Throwaway Client VPN CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(ThisUpdate.AddDays(-30), ThisUpdate.AddYears(30));

        var builder = new CertificateRevocationListBuilder();
        for (var i = 1; i <= revoked; i++)
        {
            builder.AddEntry(new BigInteger(1000 + i).ToByteArray(isUnsigned: false, isBigEndian: true), ThisUpdate.AddHours(-i), X509RevocationReason.KeyCompromise);
        }

        return builder.Build(ca, BigInteger.One, nextUpdate, HashAlgorithmName.SHA256, thisUpdate: ThisUpdate);
    }

    /// <summary>A CRL without the optional nextUpdate (RFC 5280 allows it; the builder always writes one), unsigned.</summary>
    public static byte[] DerWithoutNextUpdate()
    {
        const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(EcdsaWithSha256);
                }

                writer.WriteEncodedValue(new X500DistinguishedName("CN=Throwaway Client VPN CA").RawData);
                writer.WriteUtcTime(ThisUpdate);
            }

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(EcdsaWithSha256);
            }

            writer.WriteBitString([0]);
        }

        return writer.Encode();
    }
}
