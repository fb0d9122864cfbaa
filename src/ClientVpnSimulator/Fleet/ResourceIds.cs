namespace ClientVpnSimulator.Fleet;

/// <summary>AWS-shaped resource identifiers drawn from a seeded generator.</summary>
internal static class ResourceIds
{
    /// <summary>The number of hexadecimal digits after the prefix of a current AWS id.</summary>
    public const int HexDigits = 17;

    /// <summary>An id such as <c>cvpn-endpoint-0123456789abcdef0</c>.</summary>
    public static string Next(string prefix, SeededRandom random) => prefix + random.NextHex(HexDigits);

    /// <summary>A random version-4 UUID, as ACM and SAML ARNs carry.</summary>
    public static string NextUuid(SeededRandom random)
    {
        var hex = random.NextHex(32).ToCharArray();
        hex[12] = '4';
        hex[16] = "89ab"[hex[16] % 4];
        var text = new string(hex);
        return $"{text[..8]}-{text[8..12]}-{text[12..16]}-{text[16..20]}-{text[20..]}";
    }
}
