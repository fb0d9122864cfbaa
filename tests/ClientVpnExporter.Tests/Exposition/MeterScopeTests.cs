using System.Diagnostics.Metrics;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Tests.Exposition;

/// <summary>
/// OpenTelemetry takes the self meters of its own host only: the meters whose name starts with <c>ClientVpnExporter</c>
/// (<c>ClientVpnExporter.Aws</c> and the like; the rule is a plain prefix), created by the host's meter factory, and
/// enabled for the listener named <c>OpenTelemetry</c>. A global AddMeter would also take every other host's meters.
/// </summary>
public class MeterScopeTests
{
    [Fact]
    public async Task TwoExportersInOneProcess_EachServesOnlyItsOwnSelfMetrics()
    {
        await using var first = await ExporterOnSimulator.StartAsync(new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 5, Seed = 1 });
        await using var second = await ExporterOnSimulator.StartAsync(new SimulatorOptions { Endpoints = 3, ConnectionsPerEndpoint = 5, Seed = 2 });
        for (var poll = 0; poll < 3; poll++)
        {
            await first.PollAsync();
        }

        foreach (var harness in new[] { first, second })
        {
            var truth = await harness.TruthAsync();
            var samples = await harness.ScrapeAsync();
            foreach (var operation in new[] { "DescribeClientVpnEndpoints", "DescribeClientVpnConnections" })
            {
                var served = samples.Where(s => s.Name == "clientvpn_exporter_api_requests_total" && s.Label("operation") == operation).Sum(s => s.Value);
                Assert.Equal(truth.Requests[operation], served);
            }
        }
    }

    [Fact]
    public async Task MeterOfTheHostsFactory_UnderTheExporterName_IsServedAndNoOtherIs()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 5, Seed = 1 });
        await using var other = await ExporterOnSimulator.StartAsync(new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 5, Seed = 2 });
        var factory = harness.Exporter.Services.GetRequiredService<IMeterFactory>();
        factory.Create("ClientVpnExporter.Probe").CreateCounter<long>("probe_child").Add(1);
        factory.Create("OtherLibrary").CreateCounter<long>("probe_other_library").Add(1);
        using var global = new Meter("ClientVpnExporter");
        global.CreateCounter<long>("probe_global").Add(1);

        var served = await harness.ScrapeTextAsync();
        var otherServed = await other.ScrapeTextAsync();

        Assert.Contains("\nprobe_child_total{otel_scope_name=\"ClientVpnExporter.Probe\"} 1\n", served, StringComparison.Ordinal);
        Assert.DoesNotContain("probe_other_library", served, StringComparison.Ordinal);
        Assert.DoesNotContain("probe_global", served, StringComparison.Ordinal);
        Assert.DoesNotContain("probe_", otherServed, StringComparison.Ordinal);
    }
}
