using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>
/// An endpoint whose calls keep failing is shown down while the SDK still retries them, not only once the poll ends;
/// what is shown stays the last complete reading, and the endpoint comes back up when a read completes.
/// </summary>
public class FailureVisibilityTests
{
    private const string Connections = "DescribeClientVpnConnections";

    public static TheoryData<string, object> Faults => new()
    {
        { "InternalError", new { serverErrorRate = 1.0 } },
        { "RequestLimitExceeded", new { throttleRate = 1.0 } },
        { "timeout", new { hangRate = 1.0 } },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task FailingEndpoint_IsShownDownWithinABoundWhileRetriesContinue_AndUpAgainAfter(string kind, object fault)
    {
        const int RequestTimeoutSeconds = 1;
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 300, ChurnPerHour = 600, Seed = 29 },
            "--ClientVpn:ApiBudget:MaxRetries=10",
            $"--ClientVpn:ApiBudget:RequestTimeout=00:00:0{RequestTimeoutSeconds}",
            "--ClientVpn:ApiBudget:RequestsPerSecond=100",
            "--ClientVpn:ApiBudget:Burst=100");
        var truth = await harness.TruthAsync();
        var (faulty, healthy) = (truth.Endpoints[0].EndpointId, truth.Endpoints[1].EndpointId);
        var before = await harness.ScrapeAsync();
        var properties = fault.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(fault));
        properties["action"] = Connections;
        properties["endpointId"] = faulty;
        await harness.SetFaultsAsync(properties);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));

        var started = DateTime.UtcNow;
        var poll = harness.PollAsync();
        var bound = EndpointReadWatch.DownAfter + TimeSpan.FromSeconds(RequestTimeoutSeconds + 5);
        List<Sample> during;
        do
        {
            await Task.Delay(100);
            during = await harness.ScrapeAsync();
        }
        while (Value(during, "clientvpn_endpoint_up", faulty) == 1 && DateTime.UtcNow - started < bound);
        var shownAfter = DateTime.UtcNow - started;
        var requestsWhenShown = (await harness.TruthAsync()).Requests[Connections];

        Assert.True(Value(during, "clientvpn_endpoint_up", faulty) == 0, $"{kind}: still up after {shownAfter}");
        Assert.False(poll.IsCompleted, $"{kind}: the poll ended before the endpoint was shown down");
        Assert.Equal(1, Value(during, "clientvpn_endpoint_up", healthy));
        Assert.Equal(Total(before, faulty), Total(during, faulty));
        Assert.Equal(
            Value(before, "clientvpn_endpoint_last_success_timestamp_seconds", faulty),
            Value(during, "clientvpn_endpoint_last_success_timestamp_seconds", faulty));

        // The SDK is still retrying: more attempts reach the simulator after the endpoint was shown down.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await harness.TruthAsync()).Requests[Connections] == requestsWhenShown && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True((await harness.TruthAsync()).Requests[Connections] > requestsWhenShown, $"{kind}: no retry after the endpoint was shown down");
        await harness.ClearFaultsAsync();
        await poll;

        var after = await harness.ScrapeAsync();
        Assert.Equal(1, Value(after, "clientvpn_endpoint_up", faulty));
        GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), after, users: false);
    }

    private static double Value(List<Sample> samples, string name, string endpointId) =>
        samples.Single(s => s.Name == name && s.Label("endpoint_id") == endpointId).Value;

    private static double Total(List<Sample> samples, string endpointId) =>
        samples.Where(s => s.Name is "clientvpn_ingress_bytes_total" or "clientvpn_egress_bytes_total" && s.Label("endpoint_id") == endpointId).Sum(s => s.Value);
}
