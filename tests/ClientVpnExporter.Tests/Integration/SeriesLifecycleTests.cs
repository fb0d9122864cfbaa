using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>Series come and go with the fleet, and churn never overflows the SDK's cardinality limit.</summary>
public class SeriesLifecycleTests
{
    [Fact]
    public async Task ConnectionGoneFromTheApi_ItsSeriesDisappearFromMetrics()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 50, ChurnPerHour = 300, Seed = 8 },
            "--ClientVpn:PerConnectionMetrics=true");

        await harness.AdvanceAsync(TimeSpan.FromMinutes(20));
        await harness.PollAsync();
        var ended = (await harness.ScrapeAsync())
            .Where(s => s.Name == "clientvpn_connection_info" && s.Label("status") == "terminated")
            .Select(s => s.Label("connection_id"))
            .ToList();
        Assert.NotEmpty(ended);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(61));
        await harness.PollAsync();
        var text = await harness.ScrapeTextAsync();

        Assert.All(ended, id => Assert.DoesNotContain(id, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndpointDeleted_ItsSeriesDisappearAfterThreeDiscoveriesWithoutItAndOthersStay()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 20, ChurnPerHour = 60, Seed = 9 });
        var truth = await harness.TruthAsync();
        var deleted = truth.Endpoints[0].EndpointId;

        using (var response = await harness.SimulatorHttp.DeleteAsync($"/sim/endpoints/{deleted}"))
        {
            response.EnsureSuccessStatusCode();
        }

        // One discovery without it is no proof it is gone: it stays, down, until three discoveries in a row miss it.
        for (var poll = 1; poll < FleetPoller.DiscoveriesMissedBeforeRemoved; poll++)
        {
            await harness.PollAsync();
            Assert.Contains(await harness.ScrapeAsync(), s => s.Name == "clientvpn_endpoint_up" && s.Label("endpoint_id") == deleted && s.Value == 0);
        }

        await harness.PollAsync();
        var samples = await harness.ScrapeAsync();

        // Every series of the endpoint goes but its session-duration histogram: OpenTelemetry cannot drop a label
        // set from a histogram, which keeps its last counts until restart (documented in the README).
        Assert.DoesNotContain(samples, s => s.Label("endpoint_id") == deleted && !s.Name.StartsWith("clientvpn_session_duration_seconds", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Name == "clientvpn_endpoint_up" && s.Label("endpoint_id") == truth.Endpoints[1].EndpointId && s.Value == 1);
    }

    [Fact]
    public async Task ChurnPastTheCardinalityLimit_NoOverflowSeriesAndBoundedMemory()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 400, ChurnPerHour = 4000, Seed = 21 },
            "--ClientVpn:PerConnectionMetrics=true",
            "--ClientVpn:PerUserMetrics=true");

        var seen = new HashSet<string>();
        long memoryAfterWarmUp = 0;
        const int steps = 24; // 24 x 20 simulated minutes at 4000 sessions/hour: about 32,000 sessions.
        for (var step = 1; step <= steps; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(20));
            await harness.PollAsync();
            var samples = await harness.ScrapeAsync();
            var truth = await harness.TruthAsync();

            Assert.DoesNotContain(samples, s => s.Labels.ContainsKey("otel_metric_overflow"));
            var info = samples.Where(s => s.Name == "clientvpn_connection_info").ToList();
            Assert.Equal(truth.Endpoints.Single().ListedConnections, info.Count);
            seen.UnionWith(info.Select(s => s.Label("connection_id")));

            if (step == 12)
            {
                memoryAfterWarmUp = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        var memoryAfterChurn = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(seen.Count > 3 * 2000, $"only {seen.Count} distinct connections were churned through");
        Assert.True(
            memoryAfterChurn < memoryAfterWarmUp * 1.5 + (16 << 20),
            $"managed memory grew from {memoryAfterWarmUp:N0} to {memoryAfterChurn:N0} bytes over {seen.Count} connections");
    }

    [Fact]
    public async Task LiveScrape_PassesPromtoolCheckMetrics()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 3, ConnectionsPerEndpoint = 40, ChurnPerHour = 300, Seed = 4 },
            "--ClientVpn:PerConnectionMetrics=true",
            "--ClientVpn:PerUserMetrics=true");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(15));
        await harness.PollAsync();
        var text = await harness.ScrapeTextAsync();

        var (exitCode, output) = await Promtool.CheckMetricsAsync(text);

        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"promtool check metrics exited {exitCode}:\n{output}");
        Assert.Contains("clientvpn_session_duration_seconds_bucket", text, StringComparison.Ordinal);
    }
}
