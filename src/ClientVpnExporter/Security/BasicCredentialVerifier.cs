using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace ClientVpnExporter.Security;

/// <summary>
/// Checks basic-auth credentials against the web configuration's bcrypt hashes. bcrypt is slow on purpose (tens of
/// milliseconds at cost 10), too slow for every scrape, so a user's last verified password is remembered, as the
/// exporter-toolkit does, and a scrape with it costs one HMAC. Only a keyed digest is kept, never the password:
/// the key is random per process, so the digests are no shortcut for guessing passwords.
/// <para>
/// Everything else costs a bcrypt, which anyone who can reach the port can ask for. So at most
/// <see cref="MaxConcurrentChecks"/> run at once and a request beyond that is answered <see cref="CredentialCheck.Busy"/>
/// at once, without a queue: a flood of wrong passwords costs at most that many cores, and a scraper whose password
/// is remembered never waits behind it.
/// </para>
/// </summary>
internal sealed class BasicCredentialVerifier : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> hashes;
    private readonly Func<string, string, bool> verifyBcrypt;
    private readonly byte[] digestKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, byte[]> verified = new(StringComparer.Ordinal);
    private readonly ConcurrencyLimiter bcryptSlots;

    /// <param name="hashes">User name to bcrypt hash.</param>
    /// <param name="verifyBcrypt">Checks a password against a hash: bcrypt itself outside tests.</param>
    /// <param name="maxConcurrentChecks">bcrypt checks that may run at once; by default one per core.</param>
    public BasicCredentialVerifier(IReadOnlyDictionary<string, string> hashes, Func<string, string, bool> verifyBcrypt, int? maxConcurrentChecks = null)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        this.hashes = hashes;
        this.verifyBcrypt = verifyBcrypt;
        this.MaxConcurrentChecks = maxConcurrentChecks ?? Environment.ProcessorCount;
        this.bcryptSlots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = this.MaxConcurrentChecks, QueueLimit = 0 });

        // An unknown user is checked against this decoy, so that it costs what a wrong password costs and response
        // times do not tell which names exist. bcrypt's time grows with the cost in the hash (twice per step), so the
        // decoy takes the highest cost of the configured hashes.
        this.DecoyHash = hashes.Count == 0
            ? ""
            : BCrypt.Net.BCrypt.HashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), workFactor: hashes.Values.Max(CostOf));
    }

    /// <summary>Whether any user is configured, i.e. whether requests need credentials at all.</summary>
    public bool IsRequired => this.hashes.Count > 0;

    public int MaxConcurrentChecks { get; }

    /// <summary>The hash an unknown user's password is checked against; empty when no user is configured.</summary>
    internal string DecoyHash { get; }

    public static bool Bcrypt(string password, string hash) => BCrypt.Net.BCrypt.Verify(password, hash);

    /// <summary>The cost of a bcrypt hash, the <c>NN</c> of <c>$2y$NN$</c> (the loader has checked the shape).</summary>
    public static int CostOf(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return int.Parse(hash.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public async ValueTask<CredentialCheck> CheckAsync(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        var known = this.hashes.TryGetValue(user, out var hash);
        var digest = HMACSHA256.HashData(this.digestKey, Encoding.UTF8.GetBytes(password));
        if (known && this.verified.TryGetValue(user, out var remembered) && CryptographicOperations.FixedTimeEquals(remembered, digest))
        {
            return CredentialCheck.Accepted;
        }

        using var slot = this.bcryptSlots.AttemptAcquire();
        if (!slot.IsAcquired)
        {
            return CredentialCheck.Busy;
        }

        // bcrypt holds a core for its whole run. On a thread of its own it leaves the thread pool, and with it Kestrel,
        // free to serve the scrapes whose password is remembered; the slot bounds how many such threads there are.
        var check = hash ?? this.DecoyHash;
        var passed = await Task.Factory.StartNew(
            () => this.verifyBcrypt(password, check), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!known || !passed)
        {
            return CredentialCheck.Refused;
        }

        // One entry per configured user: the cache cannot grow past the user list.
        this.verified[user] = digest;
        return CredentialCheck.Accepted;
    }

    public void Dispose() => this.bcryptSlots.Dispose();
}
