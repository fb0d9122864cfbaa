using System.Formats.Asn1;
using System.Security.Cryptography;

namespace ClientVpnExporter.Health;

/// <summary>
/// Decodes what the health loop needs of an X.509 CRL (RFC 5280 §5.1): <c>thisUpdate</c>, <c>nextUpdate</c> and how many
/// certificates it revokes, read from <c>TBSCertList</c> with the BCL's DER reader (.NET has no public CRL reader). The
/// signature is not checked: the CRL comes from the endpoint AWS serves it for, and only its dates are reported.
/// </summary>
internal static class CrlParser
{
    private const string PemLabel = "X509 CRL";

    /// <summary>Decodes a PEM CRL, as ExportClientVpnClientCertificateRevocationList gives it.</summary>
    /// <exception cref="FormatException">The text holds no PEM CRL, or its DER is not a CRL.</exception>
    public static CrlContents ParsePem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        foreach (var (label, der) in PemBlocks(pem))
        {
            if (label == PemLabel)
            {
                return ParseDer(der);
            }
        }

        throw new FormatException($"The text holds no '-----BEGIN {PemLabel}-----' block.");
    }

    /// <summary>Decodes a DER CRL: <c>CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }</c>.</summary>
    /// <exception cref="FormatException">The bytes are not a DER CRL.</exception>
    public static CrlContents ParseDer(ReadOnlyMemory<byte> der)
    {
        try
        {
            var certificateList = new AsnReader(der, AsnEncodingRules.DER);
            var outer = certificateList.ReadSequence();
            certificateList.ThrowIfNotEmpty();
            var tbs = outer.ReadSequence();

            // version INTEGER OPTIONAL (v2 when present), signature AlgorithmIdentifier, issuer Name.
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbs.ReadInteger();
            }

            tbs.ReadSequence();
            tbs.ReadSequence();
            var thisUpdate = ReadTime(tbs);
            DateTimeOffset? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;
            long revoked = 0;
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    // revokedCertificates SEQUENCE OF SEQUENCE { userCertificate, revocationDate, crlEntryExtensions OPTIONAL }
                    var entry = entries.ReadSequence();
                    entry.ReadInteger();
                    ReadTime(entry);
                    revoked++;
                }
            }

            // crlExtensions [0] EXPLICIT OPTIONAL, then nothing.
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            }

            tbs.ThrowIfNotEmpty();
            outer.ReadSequence();
            outer.ReadBitString(out _);
            outer.ThrowIfNotEmpty();
            return new CrlContents(thisUpdate, nextUpdate, revoked);
        }
        catch (AsnContentException ex)
        {
            throw new FormatException("The CRL is not valid DER: " + ex.Message, ex);
        }
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.HasSameClassAndValue(Asn1Tag.UtcTime))
        {
            // RFC 5280: a two-digit year of 50 or more is 19YY.
            return reader.ReadUtcTime(2049);
        }

        if (tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime))
        {
            return reader.ReadGeneralizedTime();
        }

        throw new AsnContentException($"Expected a UTCTime or GeneralizedTime, found tag {tag}.");
    }

    private static IEnumerable<(string Label, byte[] Der)> PemBlocks(string pem)
    {
        var rest = pem.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var label = rest.Span[fields.Label].ToString();
            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(rest.Span[fields.Base64Data], der, out var written) || written != der.Length)
            {
                throw new FormatException($"The '{label}' block's base64 does not decode.");
            }

            yield return (label, der);
            rest = rest[fields.Location.End..];
        }
    }
}
