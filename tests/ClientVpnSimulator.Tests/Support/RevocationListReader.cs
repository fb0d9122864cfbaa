using System.Formats.Asn1;

namespace ClientVpnSimulator.Tests.Support;

/// <summary>Reads a PEM CRL with the BCL's ASN.1 reader (RFC 5280 TBSCertList), as the exporter must: no string matching.</summary>
public static class RevocationListReader
{
    public static (DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate, List<string> Serials, string Issuer) Read(string pem)
    {
        var fields = System.Security.Cryptography.PemEncoding.Find(pem);
        Assert.Equal("X509 CRL", pem[fields.Label]);
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        var list = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = list.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence();
        var issuer = new System.Security.Cryptography.X509Certificates.X500DistinguishedName(tbs.ReadEncodedValue().Span).Name;
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;
        var serials = new List<string>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                serials.Add(Convert.ToHexStringLower(entry.ReadIntegerBytes().Span));
            }
        }

        return (thisUpdate, nextUpdate, serials, issuer);
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
