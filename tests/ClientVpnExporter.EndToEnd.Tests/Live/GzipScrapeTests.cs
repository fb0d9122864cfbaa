using System.Globalization;
using System.Net.Http.Headers;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>
/// A real Prometheus (Debian's, which asks for OpenMetrics and gzip on every scrape) takes the exporter's two-member
/// gzip answer whole: Go's gzip reader reads every member, so it ingests exactly the samples a plain scrape shows.
/// </summary>
[Collection(RestartIncreaseGroup.Name)]
public class GzipScrapeTests
{
    [Fact]
    public async Task LivePrometheus_GzipScrape_IngestsEverySample()
    {
        await using var stack = await RestartStack.StartAsync(withStateFile: false, "--ClientVpn:PerUserMetrics=true", "--ClientVpn:PerConnectionMetrics=true");
        await stack.PauseClockAsync();
        var scraped = await stack.SettledScrapeAsync();

        using var exporter = new HttpClient { BaseAddress = stack.ExporterAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0; charset=utf-8"));
        using var response = await exporter.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var plain = await response.Content.ReadAsStringAsync();
        var samples = plain.Split('\n').Count(line => line.Length > 0 && line[0] != '#');

        var up = await stack.QueryAsync($"up{{job=\"{RestartStack.Job}\"}}", scraped);
        var ingested = await stack.QueryAsync($"scrape_samples_scraped{{job=\"{RestartStack.Job}\"}}", scraped);
        var connections = await stack.QueryAsync($"count(clientvpn_connection_info{{job=\"{RestartStack.Job}\"}})", scraped);

        Assert.Equal("1", (string)up.Single()!["value"]![1]!);
        Assert.Contains("clientvpn_connection_info{", plain, StringComparison.Ordinal);
        Assert.Equal(samples, double.Parse((string)ingested.Single()!["value"]![1]!, CultureInfo.InvariantCulture));
        Assert.Equal(
            plain.Split('\n').Count(line => line.StartsWith("clientvpn_connection_info{", StringComparison.Ordinal)),
            double.Parse((string)connections.Single()!["value"]![1]!, CultureInfo.InvariantCulture));
    }
}
