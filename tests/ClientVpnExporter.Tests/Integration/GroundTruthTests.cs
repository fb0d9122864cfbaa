using ClientVpnExporter.Connections;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>The real exporter, over the real AWS SDK and loopback HTTP, against the simulator's ground truth.</summary>
public class GroundTruthTests
{
    [Fact]
    public async Task FrozenClockPoll_EveryTotalAndGaugeEqualsGroundTruth()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 3, ConnectionsPerEndpoint = 300, ChurnPerHour = 900, Seed = 11 },
            "--ClientVpn:PerUserMetrics=true");

        for (var step = 0; step < 3; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
            await harness.PollAsync();
            AssertMatches(await harness.TruthSinceFirstPollAsync(), await harness.ScrapeAsync(), users: true);
        }
    }

    [Fact]
    public async Task Poll_MakesTheMinimumNumberOfApiCalls()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 3, ConnectionsPerEndpoint = 1400, ChurnPerHour = 600, Seed = 5 });

        var before = await harness.TruthAsync();
        await harness.PollAsync();
        var after = await harness.TruthAsync();

        var minimum = after.Endpoints.Where(e => !e.Deleted).Sum(e => Math.Max(1, (e.ListedConnections + 999) / 1000));
        Assert.True(minimum > after.Endpoints.Count, "the fleet should need more than one page per endpoint");
        Assert.Equal(1, after.Requests["DescribeClientVpnEndpoints"] - before.Requests["DescribeClientVpnEndpoints"]);
        Assert.Equal(minimum, after.Requests["DescribeClientVpnConnections"] - before.Requests["DescribeClientVpnConnections"]);
    }

    [Fact]
    public async Task AdvancingPastTheSixtyMinuteWindow_KeepsTotalsExactAndMonotonic()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 200, ChurnPerHour = 1200, Seed = 3 });

        var previous = new Dictionary<string, double>();
        for (var step = 0; step < 8; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(25));
            await harness.PollAsync();
            var samples = await harness.ScrapeAsync();
            AssertMatches(await harness.TruthSinceFirstPollAsync(), samples, users: false);

            foreach (var sample in samples.Where(s => s.Name.EndsWith("_total", StringComparison.Ordinal) && s.Name.StartsWith("clientvpn_", StringComparison.Ordinal) && !s.Name.StartsWith("clientvpn_exporter_", StringComparison.Ordinal)))
            {
                var key = sample.Name + string.Join(',', sample.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"));
                Assert.True(sample.Value >= previous.GetValueOrDefault(key), $"{key} went from {previous.GetValueOrDefault(key)} to {sample.Value}");
                previous[key] = sample.Value;
            }
        }
    }

    internal static void AssertMatches(GroundTruth truth, List<Sample> samples, bool users)
    {
        foreach (var endpoint in truth.Endpoints.Where(e => !e.Deleted))
        {
            var id = endpoint.EndpointId;
            var series = samples.Where(s => s.Label("endpoint_id") == id).ToList();

            var expectedTotals = endpoint.TotalsByPosture
                .GroupBy(t => PostureLabel.From(t.PostureStatuses))
                .ToDictionary(g => g.Key, g => (
                    Ingress: g.Aggregate(0UL, (s, t) => s + t.IngressBytes),
                    Egress: g.Aggregate(0UL, (s, t) => s + t.EgressBytes),
                    InPackets: g.Aggregate(0UL, (s, t) => s + t.IngressPackets),
                    OutPackets: g.Aggregate(0UL, (s, t) => s + t.EgressPackets)));
            AssertSeries(series, "clientvpn_ingress_bytes_total", "posture", expectedTotals.ToDictionary(t => t.Key, t => (double)t.Value.Ingress), id);
            AssertSeries(series, "clientvpn_egress_bytes_total", "posture", expectedTotals.ToDictionary(t => t.Key, t => (double)t.Value.Egress), id);
            AssertSeries(series, "clientvpn_ingress_packets_total", "posture", expectedTotals.ToDictionary(t => t.Key, t => (double)t.Value.InPackets), id);
            AssertSeries(series, "clientvpn_egress_packets_total", "posture", expectedTotals.ToDictionary(t => t.Key, t => (double)t.Value.OutPackets), id);
            Assert.Equal((double)endpoint.IngressBytes, series.Where(s => s.Name == "clientvpn_ingress_bytes_total").Sum(s => s.Value));

            var expectedCounts = endpoint.Connections
                .GroupBy(c => c.Status + "|" + PostureLabel.From(c.PostureStatuses))
                .ToDictionary(g => g.Key, g => (double)g.Sum(c => c.Count));
            var exportedCounts = series.Where(s => s.Name == "clientvpn_connections")
                .ToDictionary(s => s.Label("status") + "|" + s.Label("posture"), s => s.Value);
            Assert.Equal(expectedCounts.OrderBy(c => c.Key), exportedCounts.OrderBy(c => c.Key));

            Assert.Equal(endpoint.ActiveUsers, series.Single(s => s.Name == "clientvpn_active_users").Value);
            Assert.Equal(1, series.Single(s => s.Name == "clientvpn_endpoint_up").Value);

            if (users)
            {
                var expectedUsers = endpoint.Users!.ToDictionary(u => u.User, u => (double)u.IngressBytes);
                AssertSeries(series, "clientvpn_user_ingress_bytes_total", "user", expectedUsers, id);
                AssertSeries(series, "clientvpn_user_egress_bytes_total", "user", endpoint.Users!.ToDictionary(u => u.User, u => (double)u.EgressBytes), id);
                var expectedUserConnections = endpoint.Users!
                    .SelectMany(u => u.ConnectionsByStatus.Where(c => c.Value > 0).Select(c => (Key: u.User + "|" + c.Key, Value: (double)c.Value)))
                    .ToDictionary(c => c.Key, c => c.Value);
                var exportedUserConnections = series.Where(s => s.Name == "clientvpn_user_connections")
                    .ToDictionary(s => s.Label("user") + "|" + s.Label("status"), s => s.Value);
                Assert.Equal(expectedUserConnections.OrderBy(c => c.Key), exportedUserConnections.OrderBy(c => c.Key));
            }
        }

        var exportedEndpoints = samples.Where(s => s.Name == "clientvpn_endpoint_info").Select(s => s.Label("endpoint_id")).Order();
        Assert.Equal(truth.Endpoints.Where(e => !e.Deleted).Select(e => e.EndpointId).Order(), exportedEndpoints);
    }

    private static void AssertSeries(List<Sample> series, string name, string keyLabel, Dictionary<string, double> expected, string endpointId)
    {
        var exported = series.Where(s => s.Name == name).ToDictionary(s => s.Label(keyLabel), s => s.Value);
        Assert.True(
            expected.Count == exported.Count && expected.All(e => exported.TryGetValue(e.Key, out var v) && v == e.Value),
            $"{name} of {endpointId}: {expected.Count} expected, {exported.Count} exported; differing: [{string.Join(", ", expected.Keys.Union(exported.Keys).Where(k => expected.GetValueOrDefault(k, -1) != exported.GetValueOrDefault(k, -1)).Order().Select(k => $"{k}: expected {(expected.TryGetValue(k, out var e) ? e : "none")}, exported {(exported.TryGetValue(k, out var x) ? x : "none")}"))}]");
    }
}
