using ClientVpnExporter.Security;

namespace ClientVpnExporter.Tests.Security;

/// <summary>Checking basic-auth passwords against bcrypt hashes, and remembering the ones that passed.</summary>
public class BasicCredentialVerifierTests
{
    // Cost 4, the least bcrypt allows, keeps the real-bcrypt tests quick.
    private static readonly string AliceHash = BCrypt.Net.BCrypt.HashPassword("alice-secret", workFactor: 4);

    [Fact]
    public void Verify_RightPassword_IsAccepted()
    {
        var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, BasicCredentialVerifier.Bcrypt);

        Assert.True(verifier.Verify("alice", "alice-secret"));
    }

    [Fact]
    public void Verify_HtpasswdStyle2yHash_IsAccepted()
    {
        // htpasswd -B writes $2y$; the algorithm is the same as $2a$/$2b$.
        var hash = "$2y$" + AliceHash[4..];
        var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = hash }, BasicCredentialVerifier.Bcrypt);

        Assert.True(verifier.Verify("alice", "alice-secret"));
        Assert.False(verifier.Verify("alice", "alice-secreT"));
    }

    [Theory]
    [InlineData("alice", "wrong")]
    [InlineData("alice", "")]
    [InlineData("Alice", "alice-secret")]
    [InlineData("bob", "alice-secret")]
    public void Verify_WrongUserOrPassword_IsRefused(string user, string password)
    {
        var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, BasicCredentialVerifier.Bcrypt);

        Assert.False(verifier.Verify(user, password));
    }

    [Fact]
    public void Verify_SamePasswordAgain_IsAnsweredWithoutBcrypt()
    {
        var bcrypt = new CountingBcrypt();
        var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, bcrypt.Verify);

        for (var i = 0; i < 50; i++)
        {
            Assert.True(verifier.Verify("alice", "alice-secret"));
        }

        Assert.Equal(1, bcrypt.Calls);
    }

    [Fact]
    public void Verify_WrongPasswordAfterARememberedRightOne_IsCheckedAndRefused()
    {
        var bcrypt = new CountingBcrypt();
        var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, bcrypt.Verify);
        Assert.True(verifier.Verify("alice", "alice-secret"));

        Assert.False(verifier.Verify("alice", "wrong"));
        Assert.False(verifier.Verify("alice", "wrong"));

        // Failures are never remembered: each costs a bcrypt, which is what slows down guessing.
        Assert.Equal(3, bcrypt.Calls);
        Assert.True(verifier.Verify("alice", "alice-secret"));
        Assert.Equal(3, bcrypt.Calls);
    }

    [Fact]
    public void Verify_UnknownUser_CostsOneBcryptLikeAKnownOne()
    {
        var bcrypt = new CountingBcrypt();
        var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, bcrypt.Verify);

        Assert.False(verifier.Verify("mallory", "alice-secret"));

        Assert.Equal(1, bcrypt.Calls);
    }

    [Fact]
    public void IsRequired_FollowsTheUserList()
    {
        Assert.False(new BasicCredentialVerifier(new Dictionary<string, string>(), BasicCredentialVerifier.Bcrypt).IsRequired);
        Assert.True(new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, BasicCredentialVerifier.Bcrypt).IsRequired);
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
