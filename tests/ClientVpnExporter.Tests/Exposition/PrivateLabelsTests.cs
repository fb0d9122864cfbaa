using ClientVpnExporter.Configuration;
using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Tests.Exposition;

public class PrivateLabelsTests
{
    private const string Key = "0123456789abcdef-secret";

    [Fact]
    public void Defaults_KeepUsersAndCutClientIpsToTheirNetwork()
    {
        var labels = new PrivateLabels(new PrivacyOptions());

        Assert.Equal("alice@example.com", labels.User("alice@example.com"));
        Assert.Equal("alice", labels.CommonName("alice"));
        Assert.Equal("203.0.113.0/24", labels.ClientIp("203.0.113.57"));
        Assert.Equal("2001:db8:1:2::/64", labels.ClientIp("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
    }

    [Fact]
    public void Hash_IsStableForAKeyAndDiffersAcrossKeysAndValues()
    {
        var options = new PrivacyOptions { User = LabelTreatment.Hash, HashKey = Key };
        var a = new PrivateLabels(options).User("alice");

        Assert.Equal(a, new PrivateLabels(options).User("alice"));
        Assert.NotEqual(a, new PrivateLabels(options).User("bob"));
        Assert.NotEqual(a, new PrivateLabels(new PrivacyOptions { User = LabelTreatment.Hash, HashKey = Key + "x" }).User("alice"));
        Assert.Matches("^[0-9a-f]{16}$", a);
        Assert.DoesNotContain("alice", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Drop_ExportsNothing()
    {
        var labels = new PrivateLabels(new PrivacyOptions { CommonName = LabelTreatment.Drop, ClientIp = LabelTreatment.Drop });

        Assert.Equal("", labels.CommonName("alice"));
        Assert.Equal("", labels.ClientIp("203.0.113.57"));
    }

    [Theory]
    [InlineData(16, "203.0.113.57", "203.0.0.0/16")]
    [InlineData(32, "203.0.113.57", "203.0.113.57/32")]
    [InlineData(0, "203.0.113.57", "0.0.0.0/0")]
    public void Prefix_KeepsTheConfiguredBits(int bits, string address, string expected)
    {
        Assert.Equal(expected, new PrivateLabels(new PrivacyOptions { IPv4PrefixLength = bits }).ClientIp(address));
    }

    [Fact]
    public void Prefix_NotAnAddress_ShowsNothing()
    {
        Assert.Equal("", new PrivateLabels(new PrivacyOptions()).ClientIp("not-an-ip"));
    }
}
