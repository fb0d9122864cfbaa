using System.Xml.Linq;
using Amazon.EC2.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

/// <summary>
/// The <c>untidyPageRate</c> fault: pages shaped as EC2's sometimes are (short before the end, a token at the end
/// leading to empty pages), met by the SDK's own paginator, which must still list everything exactly once.
/// </summary>
public sealed class UntidyPagesTests
{
    [Fact]
    public async Task UntidyConnectionPages_AreShortBeforeTheEndAndEndEmptyWithAToken_YetThePaginatorListsEveryConnectionOnce()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.ConnectionsPerEndpoint = 200));
        var endpointId = await sim.FirstEndpointIdAsync();
        var tidy = await sim.ConnectionsAsync(endpointId, maxResults: 20);
        await sim.PutAsync("sim/faults", """{"seed":3,"rules":[{"action":"DescribeClientVpnConnections","untidyPageRate":1}]}""");

        var pages = new List<(int Count, bool Token)>();
        var listed = new List<string>();
        var paginator = sim.Ec2.Paginators.DescribeClientVpnConnections(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, MaxResults = 20 });
        await foreach (var page in paginator.Responses)
        {
            pages.Add((page.Connections?.Count ?? 0, page.NextToken is not null));
            listed.AddRange(page.Connections?.Select(c => c.ConnectionId) ?? []);
        }

        Assert.Equal(tidy.Select(c => c.ConnectionId), listed);
        Assert.All(pages[..^1], p => Assert.True(p.Token));
        Assert.Contains(pages[..^1], p => p.Count is > 0 and < 20);
        Assert.Contains(pages, p => p.Count == 0 && p.Token);
        Assert.Equal((0, false), pages[^1]);
        Assert.True(pages.Count > (tidy.Count + 19) / 20, $"{pages.Count} pages for {tidy.Count} connections");
        var truth = await sim.TruthAsync();
        Assert.Equal(pages.Count - 1, truth.Faults["untidyPages"]);
        Assert.Equal(((tidy.Count + 19) / 20) + pages.Count, truth.Requests["DescribeClientVpnConnections"]);
    }

    [Fact]
    public async Task UntidyEndpointPages_EndWithAnEmptyPageThatCarriesAToken_ThenOneWithout()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeClientVpnEndpoints","untidyPageRate":1}]}""");

        var first = await sim.Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        var second = await sim.Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { NextToken = first.NextToken });
        var third = await sim.Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { NextToken = second.NextToken });

        Assert.Equal((3, true), (first.ClientVpnEndpoints.Count, first.NextToken is not null));
        Assert.Equal((0, true), (second.ClientVpnEndpoints?.Count ?? 0, second.NextToken is not null));
        Assert.Equal((0, false), (third.ClientVpnEndpoints?.Count ?? 0, third.NextToken is not null));
        Assert.Equal(2, (await sim.TruthAsync()).Faults["untidyPages"]);
    }

    [Fact]
    public async Task UntidyPage_IsStillAnEc2DescribeResponse_WithAnEmptyItemSetAndANextToken()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeClientVpnConnections","untidyPageRate":1}]}""");
        var last = await sim.Ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId });

        var (status, body) = await sim.PostQueryAsync(
            ("Action", "DescribeClientVpnConnections"), ("Version", "2016-11-15"), ("ClientVpnEndpointId", endpointId), ("NextToken", last.NextToken));

        XNamespace ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal(ec2 + "DescribeClientVpnConnectionsResponse", body.Root!.Name);
        Assert.NotNull(body.Root.Element(ec2 + "requestId"));
        Assert.Empty(body.Root.Element(ec2 + "connections")!.Elements());
        Assert.False(string.IsNullOrEmpty(body.Root.Element(ec2 + "nextToken")?.Value));
    }

    [Fact]
    public async Task UntidyPagesAtAShare_FollowTheSeed()
    {
        const string Faults = """{"seed":11,"rules":[{"untidyPageRate":0.5}]}""";
        var options = SimulatorHarness.Options(o => o.ConnectionsPerEndpoint = 120);
        await using var first = await SimulatorHarness.StartAsync(options);
        await using var second = await SimulatorHarness.StartAsync(options);
        var endpointId = await first.FirstEndpointIdAsync();
        await first.PutAsync("sim/faults", Faults);
        await second.PutAsync("sim/faults", Faults);

        Assert.Equal(await ShapesAsync(first, endpointId), await ShapesAsync(second, endpointId));
    }

    private static async Task<List<int>> ShapesAsync(SimulatorHarness sim, string endpointId)
    {
        var shapes = new List<int>();
        var paginator = sim.Ec2.Paginators.DescribeClientVpnConnections(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, MaxResults = 10 });
        await foreach (var page in paginator.Responses)
        {
            shapes.Add(page.Connections?.Count ?? 0);
        }

        return shapes;
    }
}
