using System.Net;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>Which paths and methods the real host answers, and with what.</summary>
public class RoutingTests
{
    private static readonly string[] Paths = ["/metrics", "/", "/healthz", "/readyz"];

    [Fact]
    public async Task Metrics_PathInAnyCaseOrWithATrailingSlash_ServesTheDetailFamiliesToo()
    {
        await using var harness = await StartAsync();

        foreach (var path in new[] { "/metrics", "/METRICS", "/Metrics", "/metrics/" })
        {
            var text = await harness.Http.GetStringAsync(new Uri(path, UriKind.Relative));

            Assert.Contains("\nclientvpn_endpoint_up{", text, StringComparison.Ordinal);
            Assert.True(text.Contains("\nclientvpn_user_connections{", StringComparison.Ordinal), $"{path} has no per-user families");
        }
    }

    [Fact]
    public async Task AnyMethodButGetAndHead_Gets405WithAllowOnEveryPath()
    {
        await using var harness = await StartAsync();

        foreach (var path in Paths)
        {
            foreach (var method in new[] { "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                using var response = await harness.Http.SendAsync(request);

                Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {path}: {(int)response.StatusCode}");
                Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
                Assert.DoesNotContain("clientvpn_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Head_Returns200WithoutABodyOnEveryPath()
    {
        await using var harness = await StartAsync();

        foreach (var path in Paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, path);
            using var response = await harness.Http.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {(int)response.StatusCode}");
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    private static Task<ExporterOnSimulator> StartAsync() =>
        ExporterOnSimulator.StartAsync(new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 6, Seed = 23 }, "--ClientVpn:PerUserMetrics=true");
}
