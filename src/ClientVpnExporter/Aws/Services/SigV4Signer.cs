using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// AWS Signature Version 4, written from the public specification ("Create a signed AWS API request"): the canonical
/// request, the string to sign, the key derived with HMAC-SHA256 from the secret, the date, the region and the service,
/// and the <c>Authorization</c> header. It signs <c>host</c>, <c>content-type</c> and every <c>x-amz-*</c> header, which
/// is what the query and JSON protocols need; the payload is hashed into the canonical request, so no
/// <c>x-amz-content-sha256</c> header is sent (only S3 wants one).
/// </summary>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public const string DateHeader = "X-Amz-Date";

    public const string SecurityTokenHeader = "X-Amz-Security-Token";

    /// <summary>
    /// Sets <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (session credentials only) and <c>Authorization</c> on
    /// <paramref name="request"/>, whose body is <paramref name="body"/> (it must already carry the headers to sign).
    /// </summary>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, ImmutableCredentials credentials, SigningScope scope, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        request.Headers.Remove(DateHeader);
        request.Headers.Remove(SecurityTokenHeader);
        request.Headers.Authorization = null;
        request.Headers.TryAddWithoutValidation(DateHeader, Timestamp(time));
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation(SecurityTokenHeader, credentials.Token);
        }

        var headers = SignedHeaders(request);
        var canonicalRequest = CanonicalRequest(request.Method.Method, request.RequestUri!, headers, body);
        var signature = Signature(credentials.SecretKey, scope, time, canonicalRequest);
        var signedHeaders = string.Join(';', headers.Select(h => h.Name));
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"{Algorithm} Credential={credentials.AccessKey}/{scope.Text(time)}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    /// <summary>The canonical request: method, path, query, headers, signed header names and the payload's hash, one per line.</summary>
    public static string CanonicalRequest(string method, Uri uri, IReadOnlyList<(string Name, string Value)> headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(headers);
        var text = new StringBuilder();
        text.Append(method).Append('\n');
        text.Append(CanonicalPath(uri)).Append('\n');
        text.Append(CanonicalQuery(uri)).Append('\n');
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }

        text.Append('\n');
        text.Append(string.Join(';', headers.Select(h => h.Name))).Append('\n');
        text.Append(Hex(SHA256.HashData(body)));
        return text.ToString();
    }

    /// <summary>The string to sign: the algorithm, the time, the credential scope and the canonical request's hash.</summary>
    public static string StringToSign(SigningScope scope, DateTimeOffset time, string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(canonicalRequest);
        return $"{Algorithm}\n{Timestamp(time)}\n{scope.Text(time)}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
    }

    /// <summary>The signing key: HMAC-SHA256 chained over the date, the region, the service and <c>aws4_request</c>, from <c>AWS4</c> + the secret.</summary>
    public static byte[] SigningKey(string secretKey, SigningScope scope, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        var date = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(Day(time)));
        var region = HMACSHA256.HashData(date, Encoding.UTF8.GetBytes(scope.Region));
        var service = HMACSHA256.HashData(region, Encoding.UTF8.GetBytes(scope.Service));
        return HMACSHA256.HashData(service, "aws4_request"u8);
    }

    /// <summary>The hex signature of <paramref name="canonicalRequest"/>.</summary>
    public static string Signature(string secretKey, SigningScope scope, DateTimeOffset time, string canonicalRequest) =>
        Hex(HMACSHA256.HashData(SigningKey(secretKey, scope, time), Encoding.UTF8.GetBytes(StringToSign(scope, time, canonicalRequest))));

    /// <summary>The headers signed, lower-case names sorted, values trimmed with inner runs of spaces made one.</summary>
    public static List<(string Name, string Value)> SignedHeaders(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = Host(request.Headers.Host, request.RequestUri!),
        };
        var all = request.Content is null ? request.Headers : request.Headers.Concat(request.Content.Headers);
        foreach (var (name, values) in all)
        {
            var lower = name.ToLowerInvariant();
            if (lower is "content-type" || lower.StartsWith("x-amz-", StringComparison.Ordinal))
            {
                headers[lower] = string.Join(',', values.Select(Trimmed));
            }
        }

        return [.. headers.Select(h => (h.Key, h.Value))];
    }

    /// <summary>The <c>x-amz-date</c> form of <paramref name="time"/>: <c>20150830T123600Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4 and the query protocol want.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    internal static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Host(string? hostHeader, Uri uri) =>
        hostHeader ?? (uri.IsDefaultPort ? uri.IdnHost : uri.IdnHost + ":" + uri.Port.ToString(CultureInfo.InvariantCulture));

    private static string CanonicalPath(Uri uri)
    {
        // Each segment percent-encoded once (every service but S3); an empty path is "/".
        var path = uri.AbsolutePath;
        return path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(s => Encode(Uri.UnescapeDataString(s))));
    }

    private static string CanonicalQuery(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return "";
        }

        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? "" : pair[(equals + 1)..];
                return (Name: Encode(Uri.UnescapeDataString(name)), Value: Encode(Uri.UnescapeDataString(value)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    private static string Trimmed(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
