using ClientVpnExporter.Security;

namespace ClientVpnExporter.Tests.Security;

/// <summary>Checking basic-auth passwords against bcrypt hashes, and remembering the ones that passed.</summary>
public class BasicCredentialVerifierTests
{
    // Cost 4, the least bcrypt allows, keeps the real-bcrypt tests quick.
    private static readonly string AliceHash = BCrypt.Net.BCrypt.HashPassword("alice-secret", workFactor: 4);

    [Fact]
    public async Task CheckAsync_RightPassword_IsAccepted()
    {
        using var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, BasicCredentialVerifier.Bcrypt);

        Assert.Equal(CredentialCheck.Accepted, await verifier.CheckAsync("alice", "alice-secret"));
    }

    [Fact]
    public async Task CheckAsync_HtpasswdStyle2yHash_IsAccepted()
    {
        // htpasswd -B writes $2y$; the algorithm is the same as $2a$/$2b$.
        var hash = "$2y$" + AliceHash[4..];
        using var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = hash }, BasicCredentialVerifier.Bcrypt);

        Assert.Equal(CredentialCheck.Accepted, await verifier.CheckAsync("alice", "alice-secret"));
        Assert.Equal(CredentialCheck.Refused, await verifier.CheckAsync("alice", "alice-secreT"));
    }

    [Theory]
    [InlineData("alice", "wrong")]
    [InlineData("alice", "")]
    [InlineData("Alice", "alice-secret")]
    [InlineData("bob", "alice-secret")]
    public async Task CheckAsync_WrongUserOrPassword_IsRefused(string user, string password)
    {
        using var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, BasicCredentialVerifier.Bcrypt);

        Assert.Equal(CredentialCheck.Refused, await verifier.CheckAsync(user, password));
    }

    [Fact]
    public async Task CheckAsync_SamePasswordAgain_IsAnsweredWithoutBcrypt()
    {
        var bcrypt = new CountingBcrypt();
        using var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, bcrypt.Verify);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(CredentialCheck.Accepted, await verifier.CheckAsync("alice", "alice-secret"));
        }

        Assert.Equal(1, bcrypt.Calls);
    }

    [Fact]
    public async Task CheckAsync_WrongPasswordAfterARememberedRightOne_IsCheckedAndRefused()
    {
        var bcrypt = new CountingBcrypt();
        using var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, bcrypt.Verify);
        Assert.Equal(CredentialCheck.Accepted, await verifier.CheckAsync("alice", "alice-secret"));

        Assert.Equal(CredentialCheck.Refused, await verifier.CheckAsync("alice", "wrong"));
        Assert.Equal(CredentialCheck.Refused, await verifier.CheckAsync("alice", "wrong"));

        // Failures are never remembered: each costs a bcrypt, which is what slows down guessing.
        Assert.Equal(3, bcrypt.Calls);
        Assert.Equal(CredentialCheck.Accepted, await verifier.CheckAsync("alice", "alice-secret"));
        Assert.Equal(3, bcrypt.Calls);
    }

    [Fact]
    public async Task CheckAsync_UnknownUser_CostsOneBcryptLikeAKnownOne()
    {
        var bcrypt = new CountingBcrypt();
        using var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, bcrypt.Verify);

        Assert.Equal(CredentialCheck.Refused, await verifier.CheckAsync("mallory", "alice-secret"));

        Assert.Equal(1, bcrypt.Calls);
    }

    [Fact]
    public void IsRequired_FollowsTheUserList()
    {
        using var open = new BasicCredentialVerifier(new Dictionary<string, string>(), BasicCredentialVerifier.Bcrypt);
        using var locked = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, BasicCredentialVerifier.Bcrypt);

        Assert.False(open.IsRequired);
        Assert.True(locked.IsRequired);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void DecoyHash_TakesTheCostOfTheUsersHashes(int cost)
    {
        var hash = BCrypt.Net.BCrypt.HashPassword("alice-secret", workFactor: cost);
        using var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = hash }, BasicCredentialVerifier.Bcrypt);

        Assert.Equal(cost, BasicCredentialVerifier.CostOf(verifier.DecoyHash));
    }

    [Fact]
    public void DecoyHash_UsersAtSeveralCosts_TakesTheHighest()
    {
        var users = new Dictionary<string, string>
        {
            ["alice"] = AliceHash,
            ["bob"] = "$2y$" + BCrypt.Net.BCrypt.HashPassword("bob-secret", workFactor: 6)[4..],
            ["carol"] = BCrypt.Net.BCrypt.HashPassword("carol-secret", workFactor: 5),
        };
        using var verifier = new BasicCredentialVerifier(users, BasicCredentialVerifier.Bcrypt);

        Assert.Equal(6, BasicCredentialVerifier.CostOf(verifier.DecoyHash));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public async Task CheckAsync_UnknownUserAndWrongPassword_EachCostOneBcryptAtTheUsersCost(int cost)
    {
        // What makes the two take equally long, checked without a clock: each is one bcrypt, at the same cost.
        // (Speed is measured by benchmarks; a timed test here failed under load.)
        var hash = BCrypt.Net.BCrypt.HashPassword("alice-secret", workFactor: cost);
        var costs = new List<int>();
        var recording = new Func<string, string, bool>((password, checkedHash) =>
        {
            lock (costs)
            {
                costs.Add(BasicCredentialVerifier.CostOf(checkedHash));
            }

            return BasicCredentialVerifier.Bcrypt(password, checkedHash);
        });
        using var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = hash }, recording, maxConcurrentChecks: 1);

        Assert.Equal(CredentialCheck.Refused, await verifier.CheckAsync("mallory", "guess"));
        Assert.Equal([cost], costs);
        Assert.Equal(CredentialCheck.Refused, await verifier.CheckAsync("alice", "guess"));
        Assert.Equal([cost, cost], costs);
    }

    [Fact]
    public async Task CheckAsync_AllSlotsTaken_AnswersBusyWithoutBcryptButStillAcceptsARememberedPassword()
    {
        using var release = new ManualResetEventSlim();
        var calls = 0;
        var blocking = new Func<string, string, bool>((password, hash) =>
        {
            Interlocked.Increment(ref calls);
            release.Wait(TimeSpan.FromSeconds(30));
            return BasicCredentialVerifier.Bcrypt(password, hash);
        });
        using var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, blocking, maxConcurrentChecks: 2);
        release.Set();
        Assert.Equal(CredentialCheck.Accepted, await verifier.CheckAsync("alice", "alice-secret"));
        release.Reset();

        var running = new[] { verifier.CheckAsync("alice", "guess-1").AsTask(), verifier.CheckAsync("mallory", "guess-2").AsTask() };
        while (Volatile.Read(ref calls) < 3)
        {
            await Task.Delay(5);
        }

        Assert.Equal(CredentialCheck.Busy, await verifier.CheckAsync("alice", "guess-3"));
        Assert.Equal(CredentialCheck.Busy, await verifier.CheckAsync("mallory", "guess-4"));
        Assert.Equal(CredentialCheck.Accepted, await verifier.CheckAsync("alice", "alice-secret"));
        Assert.Equal(3, Volatile.Read(ref calls));

        release.Set();
        Assert.Equal([CredentialCheck.Refused, CredentialCheck.Refused], await Task.WhenAll(running));
        Assert.Equal(CredentialCheck.Refused, await verifier.CheckAsync("alice", "guess-5"));
    }

    /// <summary>Real bcrypt, counted.</summary>
    private sealed class CountingBcrypt
    {
        private int calls;

        public int Calls => this.calls;

        public bool Verify(string password, string hash)
        {
            Interlocked.Increment(ref this.calls);
            return BasicCredentialVerifier.Bcrypt(password, hash);
        }
    }
}
