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

    private static string? KeyOf(ReadOnlySpan<char> credential)
    {
        var end = credential.IndexOfAny('/', ',');
        var key = (end >= 0 ? credential[..end] : credential).Trim();
        return key.IsEmpty ? null : key.ToString();
    }
}
