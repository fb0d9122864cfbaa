using System.Net.Http.Json;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Otlp;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using Xunit.Abstractions;

namespace ClientVpnExporter.Tests.Otlp;

/// <summary>
/// Connections, users and endpoints that come and go over many export cycles: the push never lands a label set in
/// <c>otel_metric_overflow</c>, and memory stays flat. Under delta the SDK reclaims what went away (so the detail
/// families are pushed); under cumulative it never does, and the exporter refuses what would not fit, counting it.
/// </summary>
[Collection(SerialTestGroup.Name)]
public class OtlpChurnTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Push_DeltaChurnOfConnectionsUsersAndEndpoints_NoOverflowAndFlatMemory()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 50, ChurnPerHour = 300, Seed = 21 },
            "--ClientVpn:PerConnectionMetrics=true",
            "--ClientVpn:PerUserMetrics=true",
            "--ClientVpn:Otlp:MetricsExporter=prometheus,otlp",
            $"--ClientVpn:Otlp:Endpoint={receiver.GrpcEndpoint}",
            "--ClientVpn:Otlp:Protocol=grpc",
            "--ClientVpn:Otlp:TemporalityPreference=Delta",
            "--ClientVpn:Otlp:ExportInterval=01:00:00");
        var push = harness.Exporter.Services.GetRequiredService<OtlpPush>();

        var durations = new List<ExportMetricsServiceRequest>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var endpoints = new HashSet<string>(StringComparer.Ordinal);
        string? added = null;
        long memoryAfterWarmUp = 0;
        const int steps = 30; // 30 x 20 simulated minutes at 300 sessions an hour per endpoint, and an endpoint replaced every step
        for (var step = 1; step <= steps; step++)
        {
            added = await ReplaceEndpointAsync(harness, added);
            await harness.AdvanceAsync(TimeSpan.FromMinutes(20));
            await harness.PollAsync();
            receiver.Requests.Clear();
            Assert.True(push.ForceFlush());

            var request = Assert.Single(receiver.Requests).Request;
            durations.Add(OtlpPoints.Only(request, FamilyCatalog.SessionDuration));
            Assert.False(OtlpPoints.HasOverflow(request), $"an overflow series at step {step}");
            var pushed = OtlpPoints.Samples(request);
            var info = pushed.Where(s => s.Name == "clientvpn_connection_info").ToList();
            Assert.Equal(OtlpPushTests.Fleet(await harness.ScrapeAsync(), "clientvpn_connection_info"), OtlpPushTests.Fleet(pushed, "clientvpn_connection_info"));
            seen.UnionWith(info.Select(s => s.Label("connection_id")));
            endpoints.UnionWith(info.Select(s => s.Label("endpoint_id")));

            if (step == 10)
            {
                memoryAfterWarmUp = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        // The session-duration deltas of every export add up to /metrics' histograms, for the endpoints still served.
        var scraped = OtlpPushTests.Fleet(await harness.ScrapeAsync(), FamilyCatalog.SessionDuration);
        var served = scraped.Select(s => s[s.IndexOf("endpoint_id=", StringComparison.Ordinal)..].Split(',')[0] + ",").ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(served);
        Assert.Equal(scraped, OtlpPushTests.Fleet(OtlpPoints.Accumulated(durations), FamilyCatalog.SessionDuration).Where(s => served.Any(s.Contains)));

        var memoryAfterChurn = GC.GetTotalMemory(forceFullCollection: true);
        var refused = (await harness.ScrapeAsync()).Where(s => s.Name == "clientvpn_exporter_otlp_series_refused_total").Sum(s => s.Value);
        output.WriteLine($"{seen.Count} distinct connections on {endpoints.Count} endpoints over {steps} exports; managed heap after GC {memoryAfterWarmUp:N0} bytes at export 10, {memoryAfterChurn:N0} at export {steps}; {refused} label sets refused");
        Assert.True(seen.Count > 3 * OtlpSettings.DefaultCardinalityLimit, $"only {seen.Count} distinct connections were churned through");
        Assert.Equal(0, refused);
        Assert.True(
            memoryAfterChurn < memoryAfterWarmUp * 1.5 + (16 << 20),
            $"managed memory grew from {memoryAfterWarmUp:N0} to {memoryAfterChurn:N0} bytes over {seen.Count} connections");
    }

    [Fact]
    public async Task Push_CumulativeEndpointChurnPastTheLimit_RefusesAndCountsButNeverOverflows()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 20, ChurnPerHour = 60, Seed = 5 },
            "--ClientVpn:Otlp:MetricsExporter=prometheus,otlp",
            $"--ClientVpn:Otlp:Endpoint={receiver.HttpEndpoint}",
            "--ClientVpn:Otlp:CardinalityLimit=12",
            "--ClientVpn:Otlp:ExportInterval=01:00:00");
        var push = harness.Exporter.Services.GetRequiredService<OtlpPush>();

        string? added = null;
        for (var step = 1; step <= 20; step++)
        {
            added = await ReplaceEndpointAsync(harness, added);
            await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
            await harness.PollAsync();
            Assert.True(push.ForceFlush());
        }

        Assert.DoesNotContain(receiver.Requests, r => OtlpPoints.HasOverflow(r.Request));
        var last = OtlpPoints.Samples(receiver.Requests.Last().Request);
        var info = last.Where(s => s.Name == "clientvpn_endpoint_info").ToList();
        var durations = last.Where(s => s.Name == FamilyCatalog.SessionDuration + "_seconds_count").ToList();
        var scraped = await harness.ScrapeAsync();
        var refused = scraped.Where(s => s.Name == "clientvpn_exporter_otlp_series_refused_total" && s.Label("metric") == "clientvpn_endpoint_info").Sum(s => s.Value);
        var refusedDurations = scraped.Where(s => s.Name == "clientvpn_exporter_otlp_series_refused_total" && s.Label("metric") == FamilyCatalog.SessionDuration).Sum(s => s.Value);
        output.WriteLine($"endpoint_info: {info.Count} label sets pushed in the last export, {refused} refused over 20 exports; session durations: {durations.Count} label sets, {refusedDurations} refused");
        Assert.InRange(durations.Count, 1, 12);
        Assert.True(refusedDurations > 0);

        // The first 12 endpoints (1 at start, 11 replacements) filled the limit; later ones are refused, not overflowed.
        Assert.True(refused > 0);
        Assert.True(info.Count <= 12);
    }

    /// <summary>Adds an endpoint to the simulator and deletes the one added before, if any; returns the new one's id.</summary>
    private static async Task<string> ReplaceEndpointAsync(ExporterOnSimulator harness, string? previous)
    {
        using var created = await harness.SimulatorHttp.PostAsync("/sim/endpoints", null);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<Created>())!.EndpointId;
        if (previous is not null)
        {
            using var deleted = await harness.SimulatorHttp.DeleteAsync($"/sim/endpoints/{previous}");
            deleted.EnsureSuccessStatusCode();
        }

        return id;
    }

    private sealed record Created(string EndpointId);
}
