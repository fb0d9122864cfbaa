using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// Issues and checks <c>NextToken</c>s: opaque to clients, bound to the listing they continue, and
/// authenticated so that a garbled or foreign token is refused instead of silently restarting a listing.
/// </summary>
internal sealed class PageTokenCodec
{
    private const int MacLength = 12;
    private readonly byte[] _key;

    /// <summary>Creates a codec whose tokens depend only on <paramref name="seed"/>, so equal runs issue equal tokens.</summary>
    public PageTokenCodec(int seed)
    {
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"clientvpn-simulator/next-token/{seed}")));
    }

    /// <summary>A token to continue listing <paramref name="scope"/> after position <paramref name="after"/>.</summary>
    public string Encode(string scope, long after)
    {
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{scope}|{after}"));
        var token = new byte[payload.Length + MacLength];
        payload.CopyTo(token, 0);
        HMACSHA256.HashData(_key, payload).AsSpan(0, MacLength).CopyTo(token.AsSpan(payload.Length));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Reads a token issued by <see cref="Encode"/> for the same scope.</summary>
    public bool TryDecode(string token, string scope, out long after)
    {
        after = 0;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length <= MacLength)
        {
            return false;
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength);
        var expected = HMACSHA256.HashData(_key, payload).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(payload.Length)))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(payload);
        var separator = text.LastIndexOf('|');
        return separator >= 0
            && string.Equals(text[..separator], scope, StringComparison.Ordinal)
            && long.TryParse(text[(separator + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out after);
    }
}
