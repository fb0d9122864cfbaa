using Amazon.EC2.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

public sealed class PagingAndFilterTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(null)]
    public async Task DescribeClientVpnConnections_PagedWithMaxResults_ListsEveryConnectionExactlyOnce(int? maxResults)
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.ChurnPerHour = 600));
        var truth = await sim.TruthAsync();
        foreach (var endpoint in truth.Endpoints)
        {
            var pages = 0;
            var ids = new List<string>();
            string? token = null;
            do
            {
                var page = await sim.Ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest
                {
                    ClientVpnEndpointId = endpoint.EndpointId,
                    MaxResults = maxResults,
                    NextToken = token,
                });
                Assert.InRange(page.Connections?.Count ?? 0, 1, maxResults ?? 1000);
                ids.AddRange(page.Connections!.Select(c => c.ConnectionId));
                token = page.NextToken;
                pages++;
            }
            while (token is not null);

            var listed = endpoint.Connections.Sum(g => g.Count);
            Assert.Equal(listed, ids.Count);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal((listed + (maxResults ?? 1000) - 1) / (maxResults ?? 1000), pages);
        }
    }

    [Fact]
    public async Task DescribeClientVpnConnections_PagingWhileTheClockRuns_NeverRepeatsAConnection()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.ChurnPerHour = 3600));
        var endpointId = await sim.FirstEndpointIdAsync();
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await sim.Ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest
            {
                ClientVpnEndpointId = endpointId,
                MaxResults = 50,
                NextToken = token,
            });
            ids.AddRange(page.Connections?.Select(c => c.ConnectionId) ?? []);
            token = page.NextToken;
            await sim.AdvanceAsync(10);
        }
        while (token is not null);

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task DescribeClientVpnConnections_UsernameFilter_ReturnsExactlyThatUsersConnections()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var directoryEndpoint = (await sim.EndpointsAsync())[1];
        Assert.Equal("directory-service-authentication", directoryEndpoint.AuthenticationOptions[0].Type.Value);
        var all = await sim.ConnectionsAsync(directoryEndpoint.ClientVpnEndpointId);
        var busiest = all.GroupBy(c => c.Username).OrderByDescending(g => g.Count()).First();

        var filtered = await sim.ConnectionsAsync(directoryEndpoint.ClientVpnEndpointId, filters: [new Filter("username", [busiest.Key])]);

        Assert.Equal(busiest.Select(c => c.ConnectionId).Order(), filtered.Select(c => c.ConnectionId).Order());
    }

    [Fact]
    public async Task DescribeClientVpnConnections_FilterValues_AreOredAndCaseSensitive()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpoint = (await sim.EndpointsAsync())[1];
        var all = await sim.ConnectionsAsync(endpoint.ClientVpnEndpointId);
        var users = all.Select(c => c.Username).Distinct().Take(2).ToList();

        var either = await sim.ConnectionsAsync(endpoint.ClientVpnEndpointId, filters: [new Filter("username", users)]);
        var upperCase = await sim.ConnectionsAsync(endpoint.ClientVpnEndpointId, filters: [new Filter("username", [users[0].ToUpperInvariant()])]);

        Assert.Equal(all.Count(c => users.Contains(c.Username)), either.Count);
        Assert.Empty(upperCase);
    }

    [Fact]
    public async Task DescribeClientVpnConnections_TwoFilters_AreAnded()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpoint = (await sim.EndpointsAsync())[1];
        var all = await sim.ConnectionsAsync(endpoint.ClientVpnEndpointId);
        var first = all[0];
        var other = all.First(c => c.Username != first.Username);

        var match = await sim.ConnectionsAsync(endpoint.ClientVpnEndpointId, filters:
            [new Filter("connection-id", [first.ConnectionId, other.ConnectionId]), new Filter("username", [first.Username])]);

        Assert.Equal([first.ConnectionId], match.Select(c => c.ConnectionId));
    }

    [Fact]
    public async Task DescribeClientVpnEndpoints_FiltersAndIds_SelectEndpoints()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.Endpoints = 12));
        var all = await sim.EndpointsAsync();

        var tcp = await sim.Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { Filters = [new Filter("transport-protocol", ["tcp"])] });
        var byId = await sim.Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { ClientVpnEndpointIds = [all[3].ClientVpnEndpointId, all[5].ClientVpnEndpointId] });
        var byFilter = await sim.Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { Filters = [new Filter("endpoint-id", [all[7].ClientVpnEndpointId])] });

        Assert.Equal(12, all.Count);
        Assert.Equal(all.Where(e => e.TransportProtocol == "tcp").Select(e => e.ClientVpnEndpointId), tcp.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
        Assert.Equal([all[3].ClientVpnEndpointId, all[5].ClientVpnEndpointId], byId.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
        Assert.Equal(all[7].ClientVpnEndpointId, Assert.Single(byFilter.ClientVpnEndpoints).ClientVpnEndpointId);
    }

    [Fact]
    public async Task DescribeClientVpnEndpoints_PagedByFive_ListsEveryEndpointOnce()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.Endpoints = 12));
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await sim.Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { MaxResults = 5, NextToken = token });
            ids.AddRange(page.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(12, ids.Distinct().Count());
        Assert.Equal(12, ids.Count);
    }

    [Fact]
    public async Task Endpoints_MixAuthenticationDualStackHandlerAndTags()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.Endpoints = 6));
        var endpoints = await sim.EndpointsAsync();

        Assert.Equal(
            ["certificate-authentication", "directory-service-authentication", "federated-authentication"],
            endpoints.Select(e => e.AuthenticationOptions.Single().Type.Value).Distinct().Order());
        Assert.Equal(2, endpoints.Count(e => e.TrafficIpAddressType == "dual-stack"));
        Assert.Equal(4, endpoints.Count(e => e.ClientConnectOptions.Enabled == true));
        Assert.All(endpoints, e => Assert.Equal("available", e.Status.Code.Value));
        Assert.All(endpoints, e => Assert.Matches("^cvpn-endpoint-[0-9a-f]{17}$", e.ClientVpnEndpointId));
        Assert.Equal(["dev", "prod", "staging"], endpoints.Select(e => e.Tags.Single(t => t.Key == "Environment").Value).Distinct().Order());
        Assert.All(endpoints, e => Assert.Contains(e.Tags, t => t.Key == "Name"));
        Assert.Equal([443, 1194], endpoints.Select(e => e.VpnPort!.Value).Distinct().Order());
        Assert.Equal(["tcp", "udp"], endpoints.Select(e => e.TransportProtocol.Value).Distinct().Order());
    }
}
