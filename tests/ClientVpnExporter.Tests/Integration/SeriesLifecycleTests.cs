using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using static ClientVpnExporter.Tests.Support.MetricsScrape;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>Series come and go with the fleet, whole endpoints and their histograms included, and churn never grows the exporter.</summary>
[Collection(SerialTestGroup.Name)]
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
    public async Task EndpointDeleted_AfterTheRemovingPoll_NoSeriesOfItRemainsHistogramIncluded()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 30, ChurnPerHour = 600, Seed = 9 },
            "--ClientVpn:PerUserMetrics=true",
            "--ClientVpn:PerConnectionMetrics=true");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        await harness.PollAsync();
        var truth = await harness.TruthAsync();
        var deleted = truth.Endpoints[0].EndpointId;
        var kept = truth.Endpoints[1].EndpointId;

        // So the test can fail: the endpoint has samples in every family, each histogram sample included.
        var (before, _) = await GetAsync(harness.Http, openMetrics: true, gzip: true);
        var beforeSamples = PrometheusText.Parse(before);
        var families = FamiliesOf(beforeSamples.Where(s => s.Name.StartsWith("clientvpn_", StringComparison.Ordinal) && !s.Name.StartsWith("clientvpn_exporter_", StringComparison.Ordinal)));
        Assert.Equal(families, FamiliesOf(beforeSamples.Where(s => s.Label("endpoint_id") == deleted)));
        foreach (var name in new[] { "clientvpn_session_duration_seconds_sum", "clientvpn_session_duration_seconds_count", "clientvpn_session_duration_seconds_created" })
        {
            Assert.Contains(beforeSamples, s => s.Name == name && s.Label("endpoint_id") == deleted);
        }

        Assert.Equal(11, beforeSamples.Where(s => s.Name == "clientvpn_session_duration_seconds_bucket" && s.Label("endpoint_id") == deleted).Select(s => s.Label("le")).Distinct().Count());
        var keptCount = SessionCount(PrometheusText.Parse(await harness.ScrapeTextAsync()), kept);
        Assert.True(keptCount > 0);

        using (var response = await harness.SimulatorHttp.DeleteAsync($"/sim/endpoints/{deleted}"))
        {
            response.EnsureSuccessStatusCode();
        }

        // One discovery without it is no proof it is gone: its counters are served until three discoveries in a row miss it.
        for (var poll = 1; poll < FleetPoller.DiscoveriesMissedBeforeRemoved; poll++)
        {
            await harness.PollAsync();
            var samples = await harness.ScrapeAsync();
            Assert.Contains(samples, s => s.Name == "clientvpn_ingress_bytes_total" && s.Label("endpoint_id") == deleted);
            Assert.Contains(samples, s => s.Name == "clientvpn_session_duration_seconds_count" && s.Label("endpoint_id") == deleted);
        }

        await harness.PollAsync();
        foreach (var openMetrics in new[] { false, true })
        {
            var (plain, _) = await GetAsync(harness.Http, openMetrics, gzip: false);
            var (gzip, _) = await GetAsync(harness.Http, openMetrics, gzip: true);
            var samples = PrometheusText.Parse(gzip);

            Assert.DoesNotContain(samples, s => s.Label("endpoint_id") == deleted);
            Assert.DoesNotContain(deleted, gzip, StringComparison.Ordinal);
            Assert.True(SessionCount(samples, kept) >= keptCount, "the surviving endpoint's histogram was reset");
            Assert.Contains(samples, s => s.Name == "clientvpn_endpoint_up" && s.Label("endpoint_id") == kept && s.Value == 1);
            Assert.Equal(ReadAtScrape.Without(plain).Order(StringComparer.Ordinal), ReadAtScrape.Without(gzip).Order(StringComparer.Ordinal));
            if (!openMetrics)
            {
                // promtool 2.42 reads only the text format; the live Prometheus test takes OpenMetrics.
                var (exitCode, output) = await Promtool.CheckMetricsAsync(plain);
                Assert.True(exitCode == 0 && output.Trim().Length == 0, $"promtool check metrics exited {exitCode}:\n{output}");
            }
        }
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

    private static double SessionCount(IEnumerable<Sample> samples, string endpointId) =>
        samples.Where(s => s.Name == "clientvpn_session_duration_seconds_count" && s.Label("endpoint_id") == endpointId).Sum(s => s.Value);

    /// <summary>The metric families of <paramref name="samples"/>: sample names without the suffixes of one family.</summary>
    private static List<string> FamiliesOf(IEnumerable<Sample> samples) =>
        [.. samples.Select(s => System.Text.RegularExpressions.Regex.Replace(s.Name, "_(total|created|bucket|sum|count)$", "")).Distinct().Order(StringComparer.Ordinal)];
}
