using System.Net.Http.Headers;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>
/// <c>/metrics</c> as one response: the Prometheus exporter's endpoint-level metrics and the detail families
/// written after them, in either format, at any size.
/// </summary>
public class MetricsResponseTests
{
    [Fact]
    public async Task OpenMetricsAndGzipRequested_DetailFamiliesComeUncompressedBeforeASingleEof()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 30, ChurnPerHour = 120, Seed = 5 },
            "--ClientVpn:PerConnectionMetrics=true",
            "--ClientVpn:PerUserMetrics=true");
        var truth = await harness.TruthAsync();

        // As Prometheus asks: OpenMetrics first, and gzip accepted.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0; charset=utf-8"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await harness.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("application/openmetrics-text", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(text, "# EOF"));
        Assert.Contains("# TYPE clientvpn_endpoint_up gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE clientvpn_connection_ingress_bytes counter\n# UNIT clientvpn_connection_ingress_bytes bytes\n", text, StringComparison.Ordinal);
        Assert.Equal(truth.Endpoints.Sum(e => e.ListedConnections), CountOf(text, "\nclientvpn_connection_info{"));
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

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
