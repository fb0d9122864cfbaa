using System.Diagnostics;
using System.Text.RegularExpressions;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Tests.Support;
using Xunit.Abstractions;

namespace ClientVpnSimulator.Tests;

[Collection(ScaleTestGroup.Name)]
public sealed partial class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Advance_24HoursAt100kSessionsPerHour_FinishesInSecondsWithFlatMemory()
    {
        // 10 endpoints x 10,000 sessions/hour: 2.4 million sessions start and end in the jump.
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o =>
        {
            o.Endpoints = 10;
            o.ConnectionsPerEndpoint = 1000;
            o.ChurnPerHour = 10_000;
        }));
        var fleet = sim.Server.Core.Fleet;
        await sim.TruthAsync();
        var (retainedBefore, sessionsBefore) = Measure(fleet);
        var heapBefore = HeapBytes();

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await sim.AdvanceAsync(86_400);
        await sim.TruthAsync();
        stopwatch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var (retainedAfter, sessionsAfter) = Measure(fleet);
        var heapAfter = HeapBytes();
        var sessions = sessionsAfter - sessionsBefore;
        output.WriteLine($"24h jump: {sessions:N0} sessions in {stopwatch.Elapsed.TotalSeconds:F2} s ({cpu.TotalSeconds:F2} s CPU); retained {retainedBefore:N0} -> {retainedAfter:N0}; heap {heapBefore / 1e6:F0} MB -> {heapAfter / 1e6:F0} MB");

        Assert.InRange(sessions, 2_350_000, 2_450_000);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
        // Retired connections are swept in bulk once they are half the listing, so up to twice the live state is held.
        Assert.True(retainedAfter < retainedBefore * 2.2, $"retained {retainedBefore} -> {retainedAfter}");
        Assert.True(heapAfter < (heapBefore * 1.5) + 32_000_000, $"heap {heapBefore} -> {heapAfter}");
    }

    [Fact]
    public async Task DescribeClientVpnConnections_TenEndpointsOfTenThousand_ServesFullPagesInMilliseconds()
    {
        var start = Stopwatch.StartNew();
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o =>
        {
            o.Endpoints = 10;
            o.ConnectionsPerEndpoint = 10_000;
            o.ChurnPerHour = 600;
        }));
        var startup = start.Elapsed;
        var endpoints = (await sim.TruthAsync()).Endpoints;

        var latencies = new List<double>();
        var listed = 0;
        foreach (var endpoint in endpoints)
        {
            string? token = null;
            do
            {
                var form = new List<KeyValuePair<string, string>>
                {
                    new("Action", "DescribeClientVpnConnections"),
                    new("Version", "2016-11-15"),
                    new("ClientVpnEndpointId", endpoint.EndpointId),
                    new("MaxResults", "1000"),
                };
                if (token is not null)
                {
                    form.Add(new("NextToken", token));
                }

                var stopwatch = Stopwatch.StartNew();
                using var response = await sim.Http.PostAsync(string.Empty, new FormUrlEncodedContent(form));
                var body = await response.Content.ReadAsStringAsync();
                latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
                response.EnsureSuccessStatusCode();
                listed += ItemCount().Count(body);
                var next = NextToken().Match(body);
                token = next.Success ? next.Groups[1].Value : null;
            }
            while (token is not null);
        }

        var sdkTimer = Stopwatch.StartNew();
        var viaSdk = await sim.ConnectionsAsync(endpoints[0].EndpointId);
        sdkTimer.Stop();

        latencies.Sort();
        var median = latencies[latencies.Count / 2];
        var p95 = latencies[(int)(latencies.Count * 0.95)];
        output.WriteLine($"startup {startup.TotalMilliseconds:F0} ms; {latencies.Count} pages of up to 1000: median {median:F1} ms, p95 {p95:F1} ms, max {latencies[^1]:F1} ms; "
            + $"one endpoint through the SDK ({viaSdk.Count} connections) {sdkTimer.ElapsedMilliseconds} ms");

        Assert.Equal(endpoints.Sum(e => e.Connections.Sum(g => g.Count)), listed);
        Assert.True(median < 100, $"median page {median} ms");
    }

    private static (long Retained, long Sessions) Measure(FleetSimulation fleet) => fleet.Observe((_, endpoints) => (
        endpoints.Sum(e => (long)e.Listing.Capacity + e.PendingEvents),
        endpoints.Sum(e => e.Users.Sum(u => u.ConnectionsEver))));

    private static long HeapBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [GeneratedRegex("<item><clientVpnEndpointId>")]
    private static partial Regex ItemCount();

    [GeneratedRegex("<nextToken>([^<]+)</nextToken>")]
    private static partial Regex NextToken();
}
