using System.Text;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public async Task SameSeedAndClockMoves_ProduceIdenticalApiAnswersAndTruth()
    {
        var options = SimulatorHarness.Options(o => o.ChurnPerHour = 900);
        await using var first = await SimulatorHarness.StartAsync(options);
        await using var second = await SimulatorHarness.StartAsync(options);

        foreach (var step in new[] { 0, 600, 1800.25 })
        {
            await first.AdvanceAsync(step);
            await second.AdvanceAsync(step);
            Assert.Equal(await RenderAsync(first), await RenderAsync(second));
        }
    }

    [Fact]
    public async Task ManySmallClockMoves_MatchOneLargeJump()
    {
        var options = SimulatorHarness.Options(o => o.ChurnPerHour = 1200);
        await using var stepped = await SimulatorHarness.StartAsync(options);
        await using var jumped = await SimulatorHarness.StartAsync(options);

        for (var i = 0; i < 30; i++)
        {
            await stepped.AdvanceAsync(97);
            await stepped.TruthAsync(); // Forces the fleet forward at every step.
        }

        await jumped.AdvanceAsync(30 * 97);

        Assert.Equal(await RenderAsync(jumped), await RenderAsync(stepped));
    }

    [Fact]
    public async Task DifferentSeeds_ProduceDifferentFleets()
    {
        await using var first = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.Seed = 1));
        await using var second = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.Seed = 2));

        Assert.NotEqual(await first.FirstEndpointIdAsync(), await second.FirstEndpointIdAsync());
    }

    // Everything a client can see, except request ids.
    private static async Task<string> RenderAsync(SimulatorHarness sim)
    {
        var text = new StringBuilder();
        foreach (var endpoint in await sim.EndpointsAsync())
        {
            text.AppendLine($"{endpoint.ClientVpnEndpointId} {endpoint.CreationTime} {endpoint.VpcId} {endpoint.ClientCidrBlock}");
            foreach (var c in await sim.ConnectionsAsync(endpoint.ClientVpnEndpointId, maxResults: 100))
            {
                text.AppendLine(string.Join(
                    ' ',
                    c.ConnectionId, c.Timestamp, c.Username, c.CommonName, c.ConnectionEstablishedTime, c.ConnectionEndTime,
                    c.IngressBytes, c.EgressBytes, c.IngressPackets, c.EgressPackets, c.ClientIp, c.ClientIpv6Address,
                    c.Status.Code, string.Join(',', c.PostureComplianceStatuses ?? [])));
            }
        }

        var truth = await sim.TruthAsync(users: true);
        text.AppendLine(System.Text.Json.JsonSerializer.Serialize(truth with { Requests = [], RequestsByAccount = [] }));
        return text.ToString();
    }
}
