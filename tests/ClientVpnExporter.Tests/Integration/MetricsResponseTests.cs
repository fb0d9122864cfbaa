using ClientVpnExporter.Exposition;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using static ClientVpnExporter.Tests.Exposition.FleetViews;
using static ClientVpnExporter.Tests.Support.MetricsScrape;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>
/// <c>/metrics</c> as one response: the Prometheus exporter's self metrics and the fleet families written after them,
/// in either format, plain or gzip, at any size, and always of the latest published view.
/// </summary>
[Collection(SerialTestGroup.Name)]
public class MetricsResponseTests
{
    [Fact]
    public async Task OpenMetricsAndGzipRequested_GzipResponseDecodesToOneDocumentWithASingleEof()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 30, ChurnPerHour = 120, Seed = 5 },
            "--ClientVpn:PerConnectionMetrics=true",
            "--ClientVpn:PerUserMetrics=true");
        var truth = await harness.TruthAsync();

        // As Prometheus asks: OpenMetrics first, and gzip accepted.
        var (text, encoding) = await GetAsync(harness.Http, openMetrics: true, gzip: true);

        Assert.Equal("gzip", encoding);
        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(text, "# EOF"));
        Assert.Contains("# TYPE clientvpn_exporter_polls counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE clientvpn_endpoint_up gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE clientvpn_connection_ingress_bytes counter\n# UNIT clientvpn_connection_ingress_bytes bytes\n", text, StringComparison.Ordinal);
        Assert.Equal(truth.Endpoints.Sum(e => e.ListedConnections), CountOf(text, "\nclientvpn_connection_info{"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GzipAsked_ResponseDecodesToTheSameSamplesAsPlain(bool openMetrics)
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 30, ChurnPerHour = 300, Seed = 6 },
            "--ClientVpn:PerConnectionMetrics=true",
            "--ClientVpn:PerUserMetrics=true");
        await harness.FirstHealthCycleAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(20));
        await harness.PollAsync();

        var (plain, plainEncoding) = await GetAsync(harness.Http, openMetrics, gzip: false);
        var (gzip, gzipEncoding) = await GetAsync(harness.Http, openMetrics, gzip: true);
        var (gzipAgain, _) = await GetAsync(harness.Http, openMetrics, gzip: true);

        Assert.Null(plainEncoding);
        Assert.Equal("gzip", gzipEncoding);
        Assert.Equal(Lines(plain), Lines(gzip));
        Assert.Equal(Lines(gzip), Lines(gzipAgain));
        Assert.Contains("clientvpn_session_duration_seconds_bucket{", gzip, StringComparison.Ordinal);
        Assert.Contains("clientvpn_exporter_api_requests_total{", gzip, StringComparison.Ordinal);
        Assert.Equal(openMetrics ? 1 : 0, CountOf(gzip, "# EOF"));
        Assert.Equal(openMetrics, gzip.EndsWith("\n# EOF\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scrape_AfterPublish_NeverServesThePreviousView()
    {
        // The exporter's own response cache is on (10 s): it may hold the self metrics, never the fleet.
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 5, Seed = 3 },
            "--ClientVpn:PerConnectionMetrics=true",
            "--ClientVpn:ScrapeCacheDuration=00:00:10");
        // The health loop's first cycle publishes the poll's own view: only this test's views are served after it.
        await harness.FirstHealthCycleAsync();
        var publisher = harness.Exporter.Services.GetRequiredService<FleetPublisher>();

        for (var view = 1; view <= 16; view++)
        {
            publisher.Publish(View(view, endpoints: 1));
            var (text, _) = await GetAsync(harness.Http, openMetrics: view % 2 == 0, gzip: view % 4 < 2);

            var served = PrometheusText.Parse(text).Where(s => s.Name.StartsWith("clientvpn_", StringComparison.Ordinal) && s.Labels.ContainsKey("endpoint_id"));
            Assert.Equal([EndpointOf(view, 0)], served.Select(s => s.Label("endpoint_id")).Distinct());
        }
    }

    [Fact]
    public async Task ConcurrentScrapesDuringPublishes_AllSucceedEachWithOneWholeView()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 5, Seed = 3 },
            "--ClientVpn:PerConnectionMetrics=true");
        // The health loop's first cycle publishes the poll's own view: only this test's views are served after it.
        await harness.FirstHealthCycleAsync();
        var publisher = harness.Exporter.Services.GetRequiredService<FleetPublisher>();
        publisher.Publish(View(0, endpoints: 3));
        using var done = new CancellationTokenSource();

        var publishing = Task.Run(async () =>
        {
            for (var view = 1; !done.IsCancellationRequested; view++)
            {
                publisher.Publish(View(view, endpoints: 3));
                await Task.Yield();
            }
        });
        var scrapes = Enumerable.Range(0, 4).Select(scraper => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var (text, _) = await GetAsync(harness.Http, openMetrics: (scraper + i) % 2 == 0, gzip: scraper % 2 == 0);

                // Every endpoint of one response comes from one view, and the whole view is there.
                var endpoints = PrometheusText.Parse(text).Where(s => s.Name == "clientvpn_connection_info").Select(s => s.Label("endpoint_id")).Distinct().ToList();
                Assert.Equal(3, endpoints.Count);
                Assert.Single(endpoints.Select(e => e[..^1]).Distinct());
                Assert.True(!text.Contains("# EOF", StringComparison.Ordinal) || text.EndsWith("\n# EOF\n", StringComparison.Ordinal));
            }
        })).ToList();

        await Task.WhenAll(scrapes);
        await done.CancelAsync();
        await publishing;
    }

    [Fact]
    public async Task ScrapesOfBothEncodingsAndFormats_RenderEachFormatOncePerPublishAndCountItsBytes()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 30, ChurnPerHour = 120, Seed = 8 },
            "--ClientVpn:PerConnectionMetrics=true");
        // The health loop's first cycle publishes the poll's own view: only this test's views are served after it.
        await harness.FirstHealthCycleAsync();
        var publisher = harness.Exporter.Services.GetRequiredService<FleetPublisher>();
        foreach (var openMetrics in (bool[])[false, true])
        {
            await GetAsync(harness.Http, openMetrics, gzip: false);
        }

        // Both formats were asked for: this publish makes their members before any scrape can see it.
        publisher.Publish(View(1, endpoints: 2));
        var rendering = publisher.Current;
        Assert.Equal(2, rendering.Compressions);
        var answers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add((await GetAsync(harness.Http, openMetrics: i % 2 == 0, gzip: i % 4 < 2)).Text);
        }

        Assert.Same(rendering, publisher.Current);
        Assert.Equal(2, rendering.Compressions);
        Assert.All(answers, text => Assert.Contains($"endpoint_id=\"{EndpointOf(1, 1)}\"", text, StringComparison.Ordinal));
        var cache = PrometheusText.Parse(answers[1]).Where(s => s.Name == "clientvpn_exporter_scrape_cache_bytes").ToDictionary(s => (s.Label("format"), s.Label("encoding")), s => s.Value);
        Assert.Equal((double)rendering.CachedBytes(ExpositionFormat.PrometheusText), cache[("text", "gzip")]);
        Assert.Equal((double)rendering.CachedBytes(ExpositionFormat.OpenMetrics), cache[("openmetrics", "gzip")]);
        Assert.True(cache[("text", "gzip")] > 0);
    }

    [Fact]
    public async Task PlainScrapeOfAFormatNotCompressed_RendersItWithoutCompressingThenTheNextPublishCompressesIt()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 30, ChurnPerHour = 120, Seed = 9 },
            "--ClientVpn:PerConnectionMetrics=true");
        // The health loop's first cycle publishes the poll's own view: only this test's views are served after it.
        await harness.FirstHealthCycleAsync();
        var publisher = harness.Exporter.Services.GetRequiredService<FleetPublisher>();
        publisher.Publish(View(1, endpoints: 2));
        var rendering = publisher.Current;

        var (text, encoding) = await GetAsync(harness.Http, openMetrics: true, gzip: false);

        Assert.Null(encoding);
        Assert.Same(rendering, publisher.Current);
        Assert.Equal(0, rendering.Compressions);
        Assert.Contains($"clientvpn_connection_info{{endpoint_id=\"{EndpointOf(1, 1)}\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);

        publisher.Publish(View(2, endpoints: 2));

        Assert.True(publisher.Current.IsCompressed(ExpositionFormat.OpenMetrics));
        Assert.False(publisher.Current.IsCompressed(ExpositionFormat.PrometheusText));
    }

    [Fact]
    public async Task PerConnectionDetailPastTheExportersBufferLimit_IsServedWhole()
    {
        // 10 endpoints x (10,000 active + the last hour's 10,000 ended): about 200,000 connections, 1.2 million
        // detail series and 200 MB of text, twice the 100 MiB past which the Prometheus exporter answers HTTP 500.
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 10, ConnectionsPerEndpoint = 10_000, ChurnPerHour = 10_000, Seed = 1 },
            "--ClientVpn:PerConnectionMetrics=true",
            "--ClientVpn:ApiBudget:RequestsPerSecond=100",
            "--ClientVpn:ApiBudget:Burst=100");
        var listed = (await harness.TruthAsync()).Endpoints.Sum(e => e.ListedConnections);

        using var response = await harness.Http.GetAsync("/metrics", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        long bytes = 0;
        var info = 0;
        var up = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            bytes += line.Length + 1;
            info += line.StartsWith("clientvpn_connection_info{", StringComparison.Ordinal) ? 1 : 0;
            up += line.StartsWith("clientvpn_endpoint_up{", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(bytes > 100 << 20, $"the response was only {bytes:N0} bytes");
        Assert.True(listed > 150_000, $"only {listed} connections listed");
        Assert.Equal(listed, info);
        Assert.Equal(10, up);
    }

    private static string EndpointOf(int view, int index) => $"cvpn-endpoint-{view:x16}{index}";

    /// <summary>A view whose endpoints are named after it, each with two connections.</summary>
    private static FleetView View(int view, int endpoints) => Fleet(
        [.. Enumerable.Range(0, endpoints).Select(i => (EndpointOf(view, i), ReadingOf([SampleConnections.Active("c1", (ulong)view), SampleConnections.Active("c2", 1)])))]);

    // The process and runtime families are read at each scrape, so only the rest must be byte-equal between scrapes.
    private static List<string> Lines(string text) => [.. ReadAtScrape.Without(text).Order(StringComparer.Ordinal)];
}
