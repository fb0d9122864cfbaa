using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Xunit.Abstractions;

namespace ClientVpnExporter.Tests.Hosting;

/// <summary>Many scrapers at once on the real <c>/metrics</c>: every one answered, all seeing the same poll.</summary>
[Collection(SerialTestGroup.Name)]
public class ConcurrentScrapeTests(ITestOutputHelper output)
{
    private const int Scrapers = 32;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Metrics_ThirtyTwoScrapersBetweenTwoPolls_AllGet200AndByteIdenticalBodies()
    {
        // Per-user and per-connection detail make the body large; no scrape cache, so every scrape renders anew.
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 3, ConnectionsPerEndpoint = 60, Seed = 21 },
            "--ClientVpn:PerUserMetrics=true",
            "--ClientVpn:PerConnectionMetrics=true");
        // The health loop's first cycle follows the first poll in the background; one more cycle run here waits for it
        // (cycles never overlap), so no health read changes the body while the scrapers run.
        await harness.HealthAsync();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var bodies = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Scrapers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < Duration)
            {
                using var response = await harness.Http.GetAsync("/metrics");
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                bodies.AddOrUpdate(PollDerived(await response.Content.ReadAsStringAsync()), 1, (_, n) => n + 1);
            }
        })));

        var scrapes = statuses.Values.Sum();
        output.WriteLine($"{scrapes} scrapes in {clock.Elapsed}, {bodies.Count} distinct bodies of {bodies.Keys.First().Length} characters");
        Assert.Equal([HttpStatusCode.OK], statuses.Keys);
        Assert.True(scrapes >= Scrapers * 2, $"only {scrapes} scrapes in {Duration}");
        var body = Assert.Single(bodies.Keys);
        Assert.Contains(PrometheusText.Parse(body), s => s.Name == "clientvpn_connection_info");

        // The same scrapes after a poll that changed the fleet see the change: identical bodies were not a stale cache.
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        await harness.PollAsync();
        Assert.NotEqual(body, PollDerived(await harness.ScrapeTextAsync()));
    }

    /// <summary>
    /// The body without the process and runtime samples, which are read at each scrape (CPU time, memory, GC): what
    /// the polls and the exporter's own counting put there, and so the same between two polls.
    /// </summary>
    private static string PollDerived(string body) => string.Join('\n', ReadAtScrape.Without(body));
}
