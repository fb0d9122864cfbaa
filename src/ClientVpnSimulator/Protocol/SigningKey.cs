namespace ClientVpnSimulator.Protocol;

/// <summary>Reads the access key a SigV4-signed request names; the signature itself is not checked.</summary>
internal static class SigningKey
{
    private const string CredentialField = "Credential=";

    /// <summary>
    /// The access key id in the <c>Authorization</c> header (<c>AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, …</c>)
    /// or, for a presigned URL, in <c>X-Amz-Credential</c>; null for an unsigned request.
    /// </summary>
    public static string? AccessKeyIdOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization.ToString();
        var start = authorization.IndexOf(CredentialField, StringComparison.Ordinal);
        if (start >= 0)
        {
            return KeyOf(authorization.AsSpan(start + CredentialField.Length));
        }

        var presigned = request.Query["X-Amz-Credential"].ToString();
        return presigned.Length > 0 ? KeyOf(presigned) : null;
    }

    /// <summary>
    /// The region of the signature's credential scope (<c>AKID/date/region/service/aws4_request</c>): the region the
    /// request was signed for, as it would have been sent to that region's endpoint; null for an unsigned request.
    /// </summary>
    public static string? RegionOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization.ToString();
        var start = authorization.IndexOf(CredentialField, StringComparison.Ordinal);
        var credential = start >= 0 ? authorization[(start + CredentialField.Length)..] : request.Query["X-Amz-Credential"].ToString();
        var end = credential.IndexOfAny([',', ' ']);
        var parts = (end >= 0 ? credential[..end] : credential).Split('/');
        return parts.Length == 5 && parts[2].Length > 0 ? parts[2] : null;
    }

    private static string? KeyOf(ReadOnlySpan<char> credential)
    {
        var end = credential.IndexOfAny('/', ',');
        var key = (end >= 0 ? credential[..end] : credential).Trim();
        return key.IsEmpty ? null : key.ToString();
    }
}
