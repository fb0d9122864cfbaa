using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Otlp;
using ClientVpnExporter.Tests.Integration;
using ClientVpnExporter.Tests.Security;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry.Proto.Metrics.V1;
using Xunit.Abstractions;

namespace ClientVpnExporter.Tests.Otlp;

/// <summary>
/// The real exporter pushing over the real OTLP exporter, gRPC and HTTP, to <see cref="OtlpReceiver"/>, which decodes
/// the opentelemetry-proto messages: the pushed points against <c>/metrics</c> and the simulator's ground truth.
/// </summary>
public class OtlpPushTests(ITestOutputHelper output)
{
    // Exports happen when a test flushes, after a poll; the periodic ones would come an hour later.
    private const string NoPeriodicExport = "--ClientVpn:Otlp:ExportInterval=01:00:00";

    [Theory]
    [InlineData("grpc", "cumulative")]
    [InlineData("grpc", "delta")]
    [InlineData("http/protobuf", "cumulative")]
    [InlineData("http/protobuf", "delta")]
    public async Task Push_FrozenClockPolls_EqualMetricsEndpointAndGroundTruth(string protocol, string temporality)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var endpoint = protocol == "grpc" ? receiver.GrpcEndpoint : receiver.HttpEndpoint;
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 3, ConnectionsPerEndpoint = 200, ChurnPerHour = 900, Seed = 11 },
            "--ClientVpn:PerUserMetrics=true",
            "--ClientVpn:Otlp:MetricsExporter=prometheus,otlp",
            $"--ClientVpn:Otlp:Endpoint={endpoint}",
            $"--ClientVpn:Otlp:Protocol={protocol}",
            $"--ClientVpn:Otlp:TemporalityPreference={temporality}",
            NoPeriodicExport);
        var push = harness.Exporter.Services.GetRequiredService<OtlpPush>();
        var delta = temporality == "delta";
        var healthFamilies = HealthFamilies.All().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        using var sessions = await SessionDurationTruth.StartAsync(harness);

        Assert.True(push.ForceFlush());
        for (var step = 0; step < 3; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
            await harness.PollAsync();
            await harness.HealthAsync();
            await harness.AttemptsAsync();
            await sessions.ReadAsync();
            Assert.True(push.ForceFlush());

            var pushed = OtlpPoints.Accumulated(receiver.Requests.Select(r => r.Request));
            var scraped = await harness.ScrapeAsync();

            // Per-user detail goes only where the SDK reclaims label sets that went away: under delta.
            GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), pushed, users: delta);
            foreach (var family in push.FleetFamilies)
            {
                var pushedFamily = Fleet(pushed, family);

                // A health family the simulated fleet has nothing for (a SAML provider of an endpoint without one) is
                // empty on both sides; every connection family has samples.
                if (!healthFamilies.Contains(family))
                {
                    Assert.True(pushedFamily.Count > 0, $"{family} pushed nothing");
                }

                Assert.Equal(Fleet(scraped, family), pushedFamily);
            }

            Assert.Contains(push.FleetFamilies.Where(healthFamilies.Contains), family => Fleet(pushed, family).Count > 0);

            // The histogram, compared above with /metrics bucket by bucket (its deltas summed under delta), against the sessions the simulator listed ended.
            Assert.Contains(FamilyCatalog.SessionDuration, push.FleetFamilies);
            Assert.Equal(sessions.Samples(), Fleet(pushed, FamilyCatalog.SessionDuration));
        }

        output.WriteLine($"{sessions.Count} sessions observed over 3 polls");
        Assert.True(sessions.Count > 100, $"only {sessions.Count} sessions ended");

        Assert.Equal(delta, push.FleetFamilies.Contains("clientvpn_user_ingress"));
        Assert.All(receiver.Requests, r => Assert.Equal(protocol, r.Protocol));
        var last = receiver.Requests.Last().Request;
        Assert.All(OtlpPoints.CounterTemporalities(last), t => Assert.Equal(delta ? AggregationTemporality.Delta : AggregationTemporality.Cumulative, t));
        Assert.All(OtlpPoints.HistogramTemporalities(last), t => Assert.Equal(delta ? AggregationTemporality.Delta : AggregationTemporality.Cumulative, t));
        Assert.Contains(OtlpPoints.Metrics(last), m => m.Scope == ExporterMeter.Name && m.Metric.Name == FamilyCatalog.SessionDuration && m.Metric.DataCase == Metric.DataOneofCase.Histogram);
        Assert.Contains(OtlpPoints.Metrics(last), m => m.Scope == ExporterMeter.Name && m.Metric.Name == "clientvpn_connections");
        Assert.Contains(OtlpPoints.Metrics(last), m => m.Scope == ExporterMeter.Polling && m.Metric.Name == "clientvpn_exporter_polls");
        Assert.Contains(OtlpPoints.Metrics(last), m => m.Metric.Name == "clientvpn_exporter_build_info");
        Assert.Contains(OtlpPoints.Metrics(last), m => m.Metric.Name == "process_resident_memory");
        Assert.DoesNotContain(receiver.Requests, r => OtlpPoints.HasOverflow(r.Request));
    }

    [Fact]
    public async Task Push_RestartWithStateFile_SessionDurationsStartANewStreamWhileMetricsEndpointContinues()
    {
        using var folder = new ScratchFolder();
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 100, ChurnPerHour = 600, Seed = 8 },
            $"--ClientVpn:StateFile={folder.PathOf("state.json")}",
            "--ClientVpn:Otlp:MetricsExporter=prometheus,otlp",
            $"--ClientVpn:Otlp:Endpoint={receiver.HttpEndpoint}",
            NoPeriodicExport);
        using var lifetime = await SessionDurationTruth.StartAsync(harness);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        await harness.PollAsync();
        await lifetime.ReadAsync();
        Assert.Equal(lifetime.Samples(), Fleet(await harness.ScrapeAsync(), FamilyCatalog.SessionDuration));

        // Sessions end while the exporter is down: the new process observes them at its first poll, which its push
        // must already listen to.
        using var sinceRestart = await SessionDurationTruth.StartAsync(harness);
        var restarted = DateTimeOffset.UtcNow;
        await harness.RestartExporterAsync(whileStopped: () => harness.AdvanceAsync(TimeSpan.FromMinutes(15)));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        await harness.PollAsync();
        await lifetime.ReadAsync();
        await sinceRestart.ReadAsync();
        receiver.Requests.Clear();
        Assert.True(harness.Exporter.Services.GetRequiredService<OtlpPush>().ForceFlush());

        // /metrics continues from the state file; the push's cumulative stream holds what this process observed, from its own start.
        var request = receiver.Requests.Last().Request;
        Assert.Equal(lifetime.Samples(), Fleet(await harness.ScrapeAsync(), FamilyCatalog.SessionDuration));
        Assert.Equal(sinceRestart.Samples(), Fleet(OtlpPoints.Samples(request), FamilyCatalog.SessionDuration));
        Assert.InRange(sinceRestart.Count, 1, lifetime.Count - 1);
        var points = OtlpPoints.Metrics(request).Single(m => m.Metric.Name == FamilyCatalog.SessionDuration).Metric.Histogram.DataPoints;
        Assert.All(points, p => Assert.True(p.StartTimeUnixNano >= (ulong)restarted.ToUnixTimeMilliseconds() * 1_000_000, "the stream should start after the restart"));
        output.WriteLine($"{lifetime.Count} sessions on /metrics, {sinceRestart.Count} pushed since the restart");
    }

    [Fact]
    public async Task Push_Resource_FollowsTheSemanticConventionsAndTheOtelVariables()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using (var plain = await StartPushingAsync(receiver))
        {
            Assert.True(plain.Exporter.Services.GetRequiredService<OtlpPush>().ForceFlush());
            var request = receiver.Requests.Last().Request;
            Assert.Equal("clientvpn-exporter", OtlpPoints.ResourceAttribute(request, "service.name"));
            Assert.Equal(BuildInfo.Version, OtlpPoints.ResourceAttribute(request, "service.version"));
            Assert.Equal("aws", OtlpPoints.ResourceAttribute(request, "cloud.provider"));

            // The same instance id as target_info on /metrics.
            var instance = OtlpPoints.ResourceAttribute(request, "service.instance.id");
            Assert.True(Guid.TryParse(instance, out _), instance);
            Assert.Equal(instance, (await plain.ScrapeAsync()).Single(s => s.Name == "target_info").Label("service_instance_id"));
        }

        receiver.Requests.Clear();
        await using var named = await StartPushingAsync(receiver, new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "vpn-exporter-eu",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment.name=production,team=network%20ops",
        });
        Assert.True(named.Exporter.Services.GetRequiredService<OtlpPush>().ForceFlush());
        var attributes = receiver.Requests.Last().Request;
        Assert.Equal("vpn-exporter-eu", OtlpPoints.ResourceAttribute(attributes, "service.name"));
        Assert.Equal("production", OtlpPoints.ResourceAttribute(attributes, "deployment.environment.name"));
        Assert.Equal("network ops", OtlpPoints.ResourceAttribute(attributes, "team"));
        Assert.Equal("aws", OtlpPoints.ResourceAttribute(attributes, "cloud.provider"));
    }

    [Fact]
    public async Task Push_OtlpOnly_MetricsEndpointIsNotServedAndThePushCarriesEverything()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var harness = await StartPushingAsync(receiver, new Dictionary<string, string?> { ["OTEL_METRICS_EXPORTER"] = "otlp" });

        using var response = await harness.Http.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(harness.Exporter.Services.GetRequiredService<OtlpPush>().ForceFlush());
        GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), OtlpPoints.Accumulated(receiver.Requests.Select(r => r.Request)), users: false);
        Assert.Contains(OtlpPoints.Metrics(receiver.Requests.Last().Request), m => m.Metric.Name == "clientvpn_exporter_build_info");
    }

    [Fact]
    public async Task Push_CollectorUnreachable_LoggedOncePerOutageCountedAndRetriedWhilePollingAndMetricsGoOn()
    {
        var logs = new FakeLogCollector();
        int port;
        await using (var probe = await OtlpReceiver.StartAsync())
        {
            port = probe.HttpPort; // a port nothing listens on once the probe has stopped
        }

        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 50, ChurnPerHour = 300, Seed = 4 },
            builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)),
            "--ClientVpn:Otlp:MetricsExporter=prometheus,otlp",
            $"--ClientVpn:Otlp:Endpoint=http://127.0.0.1:{port}",
            "--ClientVpn:Otlp:ExportInterval=00:00:00.200",
            "--ClientVpn:Otlp:Timeout=00:00:01",
            "--Logging:LogLevel:ClientVpnExporter.Otlp=Information");

        await WaitUntilAsync(harness, "failure", 4);
        for (var step = 0; step < 2; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
            await harness.PollAsync();
            GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), await harness.ScrapeAsync(), users: false);
        }

        Assert.Single(Outages(logs));

        await using (var receiver = await OtlpReceiver.StartAsync(httpPort: port))
        {
            await WaitUntilAsync(harness, "success", 1);
            await receiver.WaitForAsync(1);
            Assert.True(harness.Exporter.Services.GetRequiredService<OtlpPush>().ForceFlush(), "the export after the collector came back failed");
            GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), OtlpPoints.Samples(receiver.Requests.Last().Request), users: false);
            Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("succeeded again after", StringComparison.Ordinal));
        }

        var failures = Exports(await harness.ScrapeAsync(), "failure");
        await WaitUntilAsync(harness, "failure", failures + 2);
        Assert.Equal(2, Outages(logs).Count);
        output.WriteLine($"{Exports(await harness.ScrapeAsync(), "failure")} failed and {Exports(await harness.ScrapeAsync(), "success")} successful exports, {Outages(logs).Count} outage lines");
    }

    [Fact]
    public void Resolve_UnknownMetricsExporter_OneProblemNamingTheVariable()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_METRICS_EXPORTER"] = "prometheus,console" }).Build();

        var problem = Assert.Single(Assert.Throws<global::ClientVpnExporter.Configuration.InvalidConfigurationException>(() => OtlpSettings.Resolve(configuration)).Problems);
        Assert.Equal("OTEL_METRICS_EXPORTER must be a list of prometheus and otlp, or none (got 'prometheus,console').", problem);
    }

    [Theory]
    [InlineData("OTEL_METRICS_EXPORTER", "console", "OTEL_METRICS_EXPORTER must be a list of prometheus and otlp, or none (got 'console').")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "OTEL_EXPORTER_OTLP_PROTOCOL must be grpc or http/protobuf (got 'http/json'; http/json is not supported).")]
    [InlineData("OTEL_METRIC_EXPORT_INTERVAL", "soon", "OTEL_METRIC_EXPORT_INTERVAL must be a whole number of milliseconds, at least 100 (got 'soon').")]
    [InlineData("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "sometimes", "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE must be cumulative, delta or lowmemory (got 'sometimes').")]
    public async Task Main_BadOtelVariable_ExitsOneWithOneLineNamingIt(string name, string value, string expected)
    {
        var run = await Hosting.ExporterProcess.RunAsync(["--ClientVpn:Regions:0=us-east-1"], new Hosting.ProcessSettings(Environment: new Dictionary<string, string> { [name] = value }));

        Hosting.StartupFailureTests.AssertFailsWith(run, expected);
    }

    /// <summary>A fleet family's samples as sorted text (<c>name{k=v,…} value</c>), without the scope labels only <c>/metrics</c> has.</summary>
    internal static List<string> Fleet(List<Sample> samples, string family) =>
        [.. samples.Where(s => s.Name == family || s.Name.StartsWith(family + "_", StringComparison.Ordinal))
            .Where(s => !s.Name.StartsWith("clientvpn_exporter_", StringComparison.Ordinal))
            .Select(s => s.Name + "{" + string.Join(',', s.Labels.Where(l => !l.Key.StartsWith("otel_scope_", StringComparison.Ordinal))
                .OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "} " + s.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal)];

    private static Task<ExporterOnSimulator> StartPushingAsync(OtlpReceiver receiver, Dictionary<string, string?>? variables = null) =>
        ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 20, Seed = 3 },
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(variables ?? [])
            {
                ["OTEL_METRICS_EXPORTER"] = variables?.GetValueOrDefault("OTEL_METRICS_EXPORTER") ?? "prometheus,otlp",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint.ToString(),
            }),
            NoPeriodicExport);

    private static List<FakeLogRecord> Outages(FakeLogCollector logs) =>
        [.. logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning && r.Message.StartsWith("OTLP export to", StringComparison.Ordinal))];

    private static double Exports(List<Sample> samples, string outcome) =>
        samples.Where(s => s.Name == "clientvpn_exporter_otlp_exports_total" && s.Label("outcome") == outcome).Sum(s => s.Value);

    private static async Task WaitUntilAsync(ExporterOnSimulator harness, string outcome, double count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Exports(await harness.ScrapeAsync(), outcome) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} exports with outcome {outcome} within 60 s");
            await Task.Delay(100);
        }
    }
}
