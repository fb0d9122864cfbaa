using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

public sealed class ControlApiTests
{
    [Fact]
    public async Task Clock_AtStart_ReportsStartTimePausedAndSpeedInCamelCase()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.ClockSpeed = 60));

        var json = await sim.Http.GetStringAsync("sim/clock");

        Assert.Equal("""{"now":"2026-03-01T12:00:00Z","paused":true,"speed":60}""", json);
    }

    [Fact]
    public async Task Clock_Advance_MovesThePausedClockExactly()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var clock = await sim.AdvanceAsync(90.5);
        var truth = await sim.TruthAsync();

        Assert.Equal(SimulatorHarness.DefaultStart.UtcDateTime.AddSeconds(90.5), clock.Now);
        Assert.Equal(clock.Now, truth.Now);
        Assert.True(clock.Paused);
    }

    [Fact]
    public async Task Clock_PauseAndResume_FreezeAndReleaseTheSimulatedNow()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o =>
        {
            o.StartPaused = false;
            o.ClockSpeed = 1000;
        }));

        var paused = await PostClockAsync(sim, "sim/clock/pause");
        await Task.Delay(50);
        var stillPaused = await sim.Http.GetFromJsonAsync<ClockDocument>("sim/clock", JsonSerializerOptions.Web);
        var resumed = await PostClockAsync(sim, "sim/clock/resume");
        await Task.Delay(50);
        var running = await sim.Http.GetFromJsonAsync<ClockDocument>("sim/clock", JsonSerializerOptions.Web);

        Assert.True(paused.Paused);
        Assert.Equal(paused.Now, stillPaused!.Now);
        Assert.False(resumed.Paused);
        Assert.True(running!.Now >= resumed.Now.AddSeconds(40));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("")]
    public async Task Clock_AdvanceWithInvalidSeconds_Returns400(string seconds)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.Http.PostAsync($"sim/clock/advance?seconds={seconds}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("seconds", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeleteEndpoint_RemovesItFromTheApi_AndTruthKeepsItAsDeleted()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var victim = (await sim.EndpointsAsync())[1].ClientVpnEndpointId;
        await sim.AdvanceAsync(600);

        using var deleted = await sim.Http.DeleteAsync($"sim/endpoints/{victim}");
        var atDeletion = (await sim.TruthAsync()).Endpoints.Single(e => e.EndpointId == victim);
        await sim.AdvanceAsync(3600);
        var later = (await sim.TruthAsync()).Endpoints.Single(e => e.EndpointId == victim);
        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = victim }));
        using var again = await sim.Http.DeleteAsync($"sim/endpoints/{victim}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(await sim.EndpointsAsync(), e => e.ClientVpnEndpointId == victim);
        Assert.Equal("InvalidClientVpnEndpointId.NotFound", error.ErrorCode);
        Assert.True(atDeletion.Deleted);
        Assert.Empty(atDeletion.Connections);
        Assert.Equal(0, atDeletion.ActiveUsers);
        Assert.True(atDeletion.IngressBytes > 0);
        Assert.Equal(JsonSerializer.Serialize(atDeletion), JsonSerializer.Serialize(later));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task CreateEndpoint_AddsAnEndpointWhoseClientsJustConnected()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.Http.PostAsync("sim/endpoints", null);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("endpointId").GetString()!;
        var endpoints = await sim.EndpointsAsync();
        var connections = await sim.ConnectionsAsync(id);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^cvpn-endpoint-[0-9a-f]{17}$", id);
        Assert.Equal(4, endpoints.Count);
        Assert.Equal(id, endpoints[^1].ClientVpnEndpointId);
        Assert.Equal(40, connections.Count);
        Assert.All(connections, c => Assert.Equal("active", c.Status.Code.Value));
        Assert.Equal(4, (await sim.TruthAsync()).Endpoints.Count);
    }

    [Fact]
    public async Task Truth_Requests_CountEveryEc2RequestPerActionIncludingErrors()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();
        await sim.ConnectionsAsync(endpointId);
        await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, DryRun = true }));
        await sim.PostQueryAsync(("Action", "DescribeClientVpnConnections"));

        var truth = await sim.TruthAsync();

        Assert.Equal(
            ActionCounts.Of(("DescribeClientVpnConnections", 3), ("DescribeClientVpnEndpoints", 1)),
            truth.Requests);
    }

    [Fact]
    public async Task Truth_WithoutUsersFlag_OmitsUsers()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var document = JsonDocument.Parse(await sim.Http.GetStringAsync("sim/truth"));
        var endpoint = document.RootElement.GetProperty("endpoints")[0];

        Assert.False(endpoint.TryGetProperty("users", out _));
        Assert.Equal(
            ["endpointId", "accountId", "status", "deleted", "ingressBytes", "egressBytes", "ingressPackets", "egressPackets", "totalsByPosture", "connections", "activeUsers", "health", "connectionLog"],
            endpoint.EnumerateObject().Select(p => p.Name));
        Assert.False(endpoint.GetProperty("connectionLog").TryGetProperty("attemptsByUser", out _));
    }

    private static async Task<ClockDocument> PostClockAsync(SimulatorHarness sim, string path)
    {
        using var response = await sim.Http.PostAsync(path, null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClockDocument>(JsonSerializerOptions.Web))!;
    }
}
