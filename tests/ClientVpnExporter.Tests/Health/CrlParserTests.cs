using System.Security.Cryptography;
using ClientVpnExporter.Health;

namespace ClientVpnExporter.Tests.Health;

public class CrlParserTests
{
    [Fact]
    public void ParsePem_CrlFromTheBuilder_ReadsItsDatesAndRevokedEntries()
    {
        var crl = CrlParser.ParsePem(TestCrls.Pem(revoked: 3));

        Assert.Equal(TestCrls.ThisUpdate, crl.ThisUpdate);
        Assert.Equal(TestCrls.NextUpdate, crl.NextUpdate);
        Assert.Equal(3, crl.RevokedCertificates);
    }

    [Fact]
    public void ParsePem_CrlRevokingNothing_CountsZero()
    {
        Assert.Equal(0, CrlParser.ParsePem(TestCrls.Pem(revoked: 0)).RevokedCertificates);
    }

    [Fact]
    public void ParsePem_NextUpdateAfter2049_ReadsTheGeneralizedTime()
    {
        var nextUpdate = new DateTimeOffset(2051, 1, 2, 3, 4, 5, TimeSpan.Zero);

        Assert.Equal(nextUpdate, CrlParser.ParsePem(TestCrls.Pem(revoked: 1, nextUpdate)).NextUpdate);
    }

    [Fact]
    public void ParsePem_TextAroundTheBlock_FindsTheCrl()
    {
        var crl = CrlParser.ParsePem("issued by the test CA\n" + TestCrls.Pem(revoked: 2) + "\ntrailing text\n");

        Assert.Equal(2, crl.RevokedCertificates);
    }

    [Fact]
    public void ParseDer_WithoutNextUpdate_HasNone()
    {
        var crl = CrlParser.ParseDer(TestCrls.DerWithoutNextUpdate());

        Assert.Equal(TestCrls.ThisUpdate, crl.ThisUpdate);
        Assert.Null(crl.NextUpdate);
        Assert.Equal(0, crl.RevokedCertificates);
    }

    [Fact]
    public void ParseDer_Truncated_ThrowsFormatException()
    {
        var der = TestCrls.Der(revoked: 2, TestCrls.NextUpdate);

        Assert.Throws<FormatException>(() => CrlParser.ParseDer(der.AsMemory(0, der.Length - 7)));
    }

    [Fact]
    public void ParseDer_TrailingBytes_ThrowsFormatException()
    {
        byte[] der = [.. TestCrls.Der(revoked: 1, TestCrls.NextUpdate), 0x05, 0x00];

        Assert.Throws<FormatException>(() => CrlParser.ParseDer(der));
    }

    [Fact]
    public void ParsePem_ACertificateLabelledAsACrl_ThrowsFormatException()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=not a CRL", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(TestCrls.ThisUpdate, TestCrls.NextUpdate);
        var pem = new string(PemEncoding.Write("X509 CRL", certificate.RawData));

        Assert.Throws<FormatException>(() => CrlParser.ParsePem(pem));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a CRL at all")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN X509 CRL-----\nMIIB\n-----END X509 CRL-----\n")]
    public void ParsePem_NoCrlInTheText_ThrowsFormatException(string pem)
    {
        Assert.Throws<FormatException>(() => CrlParser.ParsePem(pem));
    }
}
