using ClientVpnExporter.Health;

namespace ClientVpnExporter.Tests.Health;

public class ClientCidrTests
{
    [Theory]
    [InlineData("10.0.0.0/22", 1024)]
    [InlineData("172.16.0.0/12", 1_048_576)]
    [InlineData("192.168.100.0/24", 256)]
    [InlineData("10.0.0.0/0", 4_294_967_296)]
    public void Addresses_Ipv4Block_CountsEveryAddress(string block, long addresses)
    {
        Assert.Equal(addresses, ClientCidr.Addresses(block));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("10.0.0.0")]
    [InlineData("fd00::/64")]
    [InlineData("not a block")]
    public void Addresses_NotAnIpv4Block_IsNull(string? block)
    {
        Assert.Null(ClientCidr.Addresses(block));
    }
}
