using System.Text;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Accounts;

/// <summary>
/// Issues temporary credentials for assumed roles and remembers them, so that a request signed with one
/// is known to act in the role's account, and refused once they expire.
/// </summary>
/// <remarks>
/// Expiry follows real time, not the simulated clock: the SDK decides when to renew by comparing the
/// expiration it was given with its own (real) clock. Issued keys are kept for the life of the simulator,
/// expired ones included, so that an expired key is answered <c>ExpiredToken</c> rather than taken for a
/// key of the caller's own account.
/// </remarks>
internal sealed class CredentialStore
{
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private readonly Lock sync = new();
    private readonly SeededRandom random;
    private readonly TimeProvider time;
    private readonly Dictionary<string, IssuedCredential> byKey = new(StringComparer.Ordinal);

    /// <summary>Creates a store whose keys follow from <paramref name="seed"/> and the order they are issued in.</summary>
    public CredentialStore(int seed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.random = new SeededRandom(unchecked((ulong)seed) ^ 0x5354_535F_4B45_5953UL);
        this.time = time;
    }

    /// <summary>The real now that expirations are compared with.</summary>
    public DateTimeOffset Now => this.time.GetUtcNow();

    /// <summary>Issues credentials for a session of <paramref name="role"/> that last <paramref name="lifetime"/>.</summary>
    public IssuedCredential Issue(RoleArn role, string sessionName, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(role);
        var now = this.time.GetUtcNow();
        var expiration = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds());
        lock (this.sync)
        {
            string key;
            do
            {
                key = "ASIA" + this.Next(PrincipalIds.Alphabet, 16);
            }
            while (this.byKey.ContainsKey(key));

            var issued = new IssuedCredential(
                key,
                this.Next(SecretAlphabet, 40),
                "FwoGZXIvYXdzE" + this.Next(SecretAlphabet, 343),
                expiration,
                role,
                sessionName,
                // A role's unique id stays the same from one session to the next.
                $"{PrincipalIds.Derive("AROA", role.Arn)}:{sessionName}");
            this.byKey.Add(key, issued);
            return issued;
        }
    }

    /// <summary>The credentials issued with this access key; null for a key the simulator did not issue.</summary>
    public IssuedCredential? Find(string accessKeyId)
    {
        lock (this.sync)
        {
            return this.byKey.GetValueOrDefault(accessKeyId);
        }
    }

    private string Next(string alphabet, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[this.random.NextInt(alphabet.Length)]);
        }

        return text.ToString();
    }
}
