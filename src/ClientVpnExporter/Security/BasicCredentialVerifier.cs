using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ClientVpnExporter.Security;

/// <summary>
/// Checks basic-auth credentials against the web configuration's bcrypt hashes. bcrypt is slow on purpose (tens of
/// milliseconds at cost 10), too slow for every scrape, so a user's last verified password is remembered, as the
/// exporter-toolkit does, and a scrape with it costs one HMAC. Only a keyed digest is kept, never the password:
/// the key is random per process, so the digests are no shortcut for guessing passwords.
/// </summary>
internal sealed class BasicCredentialVerifier
{
    private readonly IReadOnlyDictionary<string, string> hashes;
    private readonly Func<string, string, bool> verifyBcrypt;
    private readonly byte[] digestKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, byte[]> verified = new(StringComparer.Ordinal);
    private readonly Lazy<string> decoyHash;

    /// <param name="hashes">User name to bcrypt hash.</param>
    /// <param name="verifyBcrypt">Checks a password against a hash: bcrypt itself outside tests.</param>
    public BasicCredentialVerifier(IReadOnlyDictionary<string, string> hashes, Func<string, string, bool> verifyBcrypt)
    {
        this.hashes = hashes;
        this.verifyBcrypt = verifyBcrypt;
        this.decoyHash = new(() => BCrypt.Net.BCrypt.HashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), workFactor: 10));
    }

    /// <summary>Whether any user is configured, i.e. whether requests need credentials at all.</summary>
    public bool IsRequired => this.hashes.Count > 0;

    public static bool Bcrypt(string password, string hash) => BCrypt.Net.BCrypt.Verify(password, hash);

    public bool Verify(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (!this.hashes.TryGetValue(user, out var hash))
        {
            // An unknown user costs one bcrypt like a known one, so response times do not tell which names exist.
            this.verifyBcrypt(password, this.decoyHash.Value);
            return false;
        }

        var digest = HMACSHA256.HashData(this.digestKey, Encoding.UTF8.GetBytes(password));
        if (this.verified.TryGetValue(user, out var known) && CryptographicOperations.FixedTimeEquals(known, digest))
        {
            return true;
        }

        if (!this.verifyBcrypt(password, hash))
        {
            return false;
        }

        // One entry per configured user: the cache cannot grow past the user list.
        this.verified[user] = digest;
        return true;
    }
}
