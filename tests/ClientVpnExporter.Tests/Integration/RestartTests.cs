using ClientVpnExporter.Tests.Security;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>
/// An exporter started, or restarted, against a fleet with a history: its counters count what happens after its
/// first poll, never the lifetime traffic the API still lists; with a state file they continue across restarts.
/// </summary>
public class RestartTests
{
    private static readonly string[] TotalNames =
    [
        "clientvpn_ingress_bytes_total", "clientvpn_egress_bytes_total", "clientvpn_ingress_packets_total", "clientvpn_egress_packets_total",
        "clientvpn_user_ingress_bytes_total", "clientvpn_user_egress_bytes_total",
    ];

    [Fact]
    public async Task Start_ListedConnectionsAreABaseline_FirstPollCountsNothingAndLaterIncreasesAreExact()
    {
        await using var harness = await StartAsync(new FakeLogCollector());

        var first = await harness.ScrapeAsync();
        Assert.True(harness.FirstPollTruth.Endpoints.Sum(e => (double)e.IngressBytes) > 0, "the fleet should have traffic before the exporter starts");
        Assert.All(first.Where(s => TotalNames.Contains(s.Name)), s => Assert.Equal(0, s.Value));
        Assert.Equal(0, first.Where(s => s.Name == "clientvpn_session_duration_seconds_count").Sum(s => s.Value));

        for (var step = 0; step < 3; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
            await harness.PollAsync();
            GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), await harness.ScrapeAsync(), users: true);
        }

        Assert.True((await harness.ScrapeAsync()).Where(s => s.Name == "clientvpn_session_duration_seconds_count").Sum(s => s.Value) > 0);
    }

    [Fact]
    public async Task Restart_WithoutStateFile_StartsFromANewBaselineAndNeverCountsTheListedTrafficAgain()
    {
        await using var harness = await StartAsync(new FakeLogCollector());
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        await harness.PollAsync();

        await harness.RestartExporterAsync();
        Assert.All((await harness.ScrapeAsync()).Where(s => TotalNames.Contains(s.Name)), s => Assert.Equal(0, s.Value));

        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        await harness.PollAsync();
        GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), await harness.ScrapeAsync(), users: true);
    }

    [Fact]
    public async Task Restart_WithStateFile_TotalsContinueWithoutAnyReset()
    {
        using var folder = new ScratchFolder();
        var stateFile = folder.PathOf("state.json");
        await using var harness = await StartAsync(new FakeLogCollector(), $"--ClientVpn:StateFile={stateFile}");
        var sinceStart = harness.FirstPollTruth;
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        await harness.PollAsync();
        var before = Totals(await harness.ScrapeAsync());
        Assert.True(File.Exists(stateFile));

        // Traffic goes on while the exporter is down; sessions end and are still listed when it is back.
        await harness.RestartExporterAsync(whileStopped: () => harness.AdvanceAsync(TimeSpan.FromMinutes(15)));
        var after = Totals(await harness.ScrapeAsync());

        Assert.All(before, b => Assert.True(after.GetValueOrDefault(b.Key) >= b.Value, $"{b.Key} went from {b.Value} to {after.GetValueOrDefault(b.Key)}"));
        GroundTruthTests.AssertMatches((await harness.TruthAsync(users: true)).Since(sinceStart), await harness.ScrapeAsync(), users: true);

        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));
        await harness.PollAsync();
        GroundTruthTests.AssertMatches((await harness.TruthAsync(users: true)).Since(sinceStart), await harness.ScrapeAsync(), users: true);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task Start_WithCorruptStateFile_LogsOnceCountsItAndStartsFromABaseline()
    {
        using var folder = new ScratchFolder();
        var stateFile = folder.Write("state.json", "{\"version\":1,\"endpoints\":[{\"descr");
        var logs = new FakeLogCollector();
        await using var harness = await StartAsync(logs, $"--ClientVpn:StateFile={stateFile}");

        var samples = await harness.ScrapeAsync();
        Assert.Equal(1, samples.Single(s => s.Name == "clientvpn_exporter_state_file_errors_total" && s.Label("operation") == "read").Value);
        Assert.All(samples.Where(s => TotalNames.Contains(s.Name)), s => Assert.Equal(0, s.Value));
        Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(stateFile, StringComparison.Ordinal));

        // The first poll replaced it with a state the next start can use.
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await harness.PollAsync();
        var sinceStart = harness.FirstPollTruth;
        await harness.RestartExporterAsync();
        GroundTruthTests.AssertMatches((await harness.TruthAsync(users: true)).Since(sinceStart), await harness.ScrapeAsync(), users: true);
    }

    [Fact]
    public async Task Start_WithStateFileOfAnotherVersion_IsNotUsed()
    {
        using var folder = new ScratchFolder();
        var stateFile = folder.Write("state.json", "{\"version\":99,\"endpoints\":[]}");
        var logs = new FakeLogCollector();
        await using var harness = await StartAsync(logs, $"--ClientVpn:StateFile={stateFile}");

        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("version 99", StringComparison.Ordinal));
        Assert.All((await harness.ScrapeAsync()).Where(s => TotalNames.Contains(s.Name)), s => Assert.Equal(0, s.Value));
    }

    private static Dictionary<string, double> Totals(List<Sample> samples) => samples
        .Where(s => TotalNames.Contains(s.Name))
        .ToDictionary(s => s.Name + string.Join(',', s.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")), s => s.Value);

    // The fleet runs for 40 simulated minutes before the exporter starts: sessions have traffic, some have ended.
    private static Task<ExporterOnSimulator> StartAsync(FakeLogCollector logs, params string[] settings) =>
        ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 300, ChurnPerHour = 600, Seed = 29 },
            async simulator => (await simulator.PostAsync("/sim/clock/advance?seconds=2400", null)).EnsureSuccessStatusCode(),
            builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)),
            ["--ClientVpn:PerUserMetrics=true", .. settings]);
}
