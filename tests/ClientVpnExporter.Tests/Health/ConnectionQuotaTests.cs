using ClientVpnExporter.Configuration;
using ClientVpnExporter.Health;

namespace ClientVpnExporter.Tests.Health;

public class ConnectionQuotaTests
{
    private const string EndpointId = "cvpn-endpoint-0123456789abcdef0";

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 7_000)]
    [InlineData(2, 36_500)]
    [InlineData(3, 66_500)]
    [InlineData(4, 96_500)]
    [InlineData(5, 126_000)]
    [InlineData(6, 126_000)]
    public void FromAssociatedSubnets_AwsTable_GivesTheDocumentedQuota(int subnets, long quota)
    {
        Assert.Equal(quota, ConnectionQuota.FromAssociatedSubnets(subnets));
    }

    [Fact]
    public void Of_EndpointOverride_WinsOverAllEndpointsAndTheTable()
    {
        var overrides = new ConnectionQuotaOptions { AllEndpoints = 20_000, Endpoints = { [EndpointId] = 200_000 } };

        Assert.Equal(200_000, ConnectionQuota.Of(EndpointId, 2, overrides));
        Assert.Equal(20_000, ConnectionQuota.Of("cvpn-endpoint-0000000000000000f", 2, overrides));
    }

    [Fact]
    public void Of_NoSubnetAssociated_IsZeroWhateverTheOverride()
    {
        Assert.Equal(0, ConnectionQuota.Of(EndpointId, 0, new ConnectionQuotaOptions { AllEndpoints = 20_000 }));
    }

    [Fact]
    public void Of_AssociationsUnknown_IsTheOverrideOrNothing()
    {
        Assert.Equal(20_000, ConnectionQuota.Of(EndpointId, null, new ConnectionQuotaOptions { AllEndpoints = 20_000 }));
        Assert.Null(ConnectionQuota.Of(EndpointId, null, new ConnectionQuotaOptions()));
    }

    [Fact]
    public void Of_NoOverride_FollowsTheSubnets()
    {
        Assert.Equal(66_500, ConnectionQuota.Of(EndpointId, 3, new ConnectionQuotaOptions()));
    }
}
