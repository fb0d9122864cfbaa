using System.Security.Cryptography;
using System.Text;

namespace ClientVpnSimulator.Accounts;

/// <summary>IAM unique ids (<c>AROA…</c> for roles, <c>AIDA…</c> for users), stable for the principal they name.</summary>
internal static class PrincipalIds
{
    /// <summary>The alphabet of access key ids and unique ids.</summary>
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary><paramref name="prefix"/> and 17 characters derived from <paramref name="principal"/>, the same every time.</summary>
    public static string Derive(string prefix, string principal)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(principal));
        return prefix + string.Concat(hash.Take(17).Select(b => Alphabet[b % Alphabet.Length]));
    }
}
