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
    private readonly byte[] key;

    /// <summary>Creates a codec whose tokens depend only on <paramref name="seed"/>, so equal runs issue equal tokens.</summary>
    public PageTokenCodec(int seed)
    {
        this.key = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"clientvpn-simulator/next-token/{seed}")));
    }

    /// <summary>A token to continue listing <paramref name="scope"/> after position <paramref name="after"/> with page <paramref name="page"/>.</summary>
    /// <remarks>The page number lets fault injection break a pagination from a given page on.</remarks>
    public string Encode(string scope, long after, int page)
    {
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{scope}|{after}|{page}"));
        var token = new byte[payload.Length + MacLength];
        payload.CopyTo(token, 0);
        HMACSHA256.HashData(this.key, payload).AsSpan(0, MacLength).CopyTo(token.AsSpan(payload.Length));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Reads a token issued by <see cref="Encode"/> for the same scope.</summary>
    public bool TryDecode(string token, string scope, out long after, out int page)
    {
        after = 0;
        page = 0;
        return this.TryRead(token, out var tokenScope, out after, out page) && string.Equals(tokenScope, scope, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads a token issued by <see cref="Encode"/> for a scope that starts with <paramref name="scopePrefix"/>, giving
    /// the rest of that scope: where a position needs more than <c>after</c> to say.
    /// </summary>
    public bool TryDecode(string token, string scopePrefix, out string scopeRest, out long after, out int page)
    {
        ArgumentNullException.ThrowIfNull(scopePrefix);
        var read = this.TryRead(token, out var scope, out after, out page) && scope.StartsWith(scopePrefix, StringComparison.Ordinal);
        scopeRest = read ? scope[scopePrefix.Length..] : string.Empty;
        return read;
    }

    /// <summary>The page a token issued by <see cref="Encode"/> leads to, whatever listing it continues.</summary>
    public bool TryReadPage(string token, out int page) => this.TryRead(token, out _, out _, out page);

    private bool TryRead(string token, out string scope, out long after, out int page)
    {
        scope = string.Empty;
        after = 0;
        page = 0;
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
        var expected = HMACSHA256.HashData(this.key, payload).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(payload.Length)))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length < 3)
        {
            return false;
        }

        scope = string.Join('|', parts[..^2]);
        return long.TryParse(parts[^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out after)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out page);
    }
}
