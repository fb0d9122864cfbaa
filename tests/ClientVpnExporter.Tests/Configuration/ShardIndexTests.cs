using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Tests.Configuration;

public class ShardIndexTests
{
    [Theory]
    [InlineData("auto", "clientvpn-exporter-2", 2)]
    [InlineData("AUTO", "clientvpn-exporter-0", 0)]
    [InlineData("3", "anything", 3)]
    public void Resolve_IndexOrStatefulSetHostName_GivesTheShard(string index, string hostName, int expected)
    {
        var (resolved, problem) = ShardIndex.Resolve(new ShardingOptions { Shards = 4, Index = index }, hostName);

        Assert.Null(problem);
        Assert.Equal(expected, resolved);
    }

    [Theory]
    [InlineData("auto", "exporter", "does not end in -N")]
    [InlineData("auto", "clientvpn-exporter-", "does not end in -N")]
    [InlineData("auto", "clientvpn-exporter-4", "gives 4, but it must be 0 to 3")]
    [InlineData("4", "clientvpn-exporter-1", "must be 0 to 3 or auto (got '4')")]
    [InlineData("-1", "clientvpn-exporter-1", "must be 0 to 3 or auto (got '-1')")]
    [InlineData("one", "clientvpn-exporter-1", "must be 0 to 3 or auto (got 'one')")]
    public void Resolve_NoOrdinalOrOutOfRange_FailsNamingTheSetting(string index, string hostName, string expected)
    {
        var (_, problem) = ShardIndex.Resolve(new ShardingOptions { Shards = 4, Index = index }, hostName);

        Assert.StartsWith("ClientVpn:Sharding:Index ", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
