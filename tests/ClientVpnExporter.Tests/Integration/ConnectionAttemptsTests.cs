using System.Globalization;
using System.Net.Http.Json;
using ClientVpnExporter.Attempts;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>
/// The attempts loop through the signed CloudWatch Logs client over loopback HTTP to the simulator's FilterLogEvents,
/// with the simulator's clock frozen between moves: the attempt counters equal its ground truth of ingested attempts
/// from the exporter's counting start, late events included and none counted twice, across pages, reads and a read
/// that failed part-way; logging off, access denied and throttling each keep the rest of the exporter working.
/// </summary>
public class ConnectionAttemptsTests
{
    [Fact]
    public async Task Read_FrozenClockWithLateEvents_CountersEqualTheSimulatorsTruthAcrossPagesAndReads()
    {
        await using var harness = await StartAsync();
        var sawLateEvents = false;

        for (var step = 0; step < 4; step++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(step == 0 ? 5 : 1));
            var truth = await AttemptTruthAsync(harness);
            sawLateEvents |= truth.Endpoints.Any(e => e.ConnectionLog!.EventsPending > 0);

            await ReadAsync(harness);
            await ReadAsync(harness);

            AssertCountsEqualTruth(await harness.ScrapeAsync(), truth);
        }

        var samples = await harness.ScrapeAsync();
        Assert.True(sawLateEvents, "the ingestion delay should leave events pending between reads");
        Assert.True(Outcome(samples, "duplicate") > 0, "each read reads the lookback window again");
        Assert.True(samples.Single(s => s.Name == "clientvpn_exporter_api_requests_total" && s.Label("operation") == "FilterLogEvents" && s.Label("outcome") == "success").Value
            > 2 * 4 * (await harness.TruthAsync()).Endpoints.Count(e => e.ConnectionLog!.Enabled), "several pages per read");
        Assert.Contains(samples, s => s.Name == "clientvpn_endpoint_health_last_success_timestamp_seconds" && s.Label("resource") == "connection_log");
        Assert.Contains(samples, s => s.Name == "clientvpn_endpoint_connection_log_ingestion_lag_seconds");
        var (exitCode, output) = await Promtool.CheckMetricsAsync(await harness.ScrapeTextAsync());
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task Read_PagesFailPartWay_PublishesNothingOfThatReadThenCountsEachOnce()
    {
        await using var harness = await StartAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await ReadAsync(harness);
        var before = Attempts(await harness.ScrapeAsync());
        await harness.AdvanceAsync(TimeSpan.FromMinutes(3));

        // Seeded: most pages fail all their attempts, after some have succeeded.
        await harness.SetFaultsAsync(new { action = "FilterLogEvents", serverErrorRate = 0.7 });
        await ReadAsync(harness);

        var failed = await harness.ScrapeAsync();
        Assert.Equal(before, Attempts(failed));
        Assert.True(failed.Single(s => s.Name == "clientvpn_exporter_api_requests_total" && s.Label("operation") == "FilterLogEvents" && s.Label("outcome") == "success").Value > 0);

        await harness.ClearFaultsAsync();
        var truth = await AttemptTruthAsync(harness);
        await ReadAsync(harness);

        AssertCountsEqualTruth(await harness.ScrapeAsync(), truth);
    }

    [Fact]
    public async Task Read_LoggingTurnedOff_ShownAsAStateAndTheRestWorks()
    {
        var logs = new FakeLogCollector();
        await using var harness = await StartAsync(logs: logs);
        var id = (await harness.TruthAsync()).Endpoints.First(e => e.ConnectionLog!.Enabled).EndpointId;
        await Send(harness.SimulatorHttp.PostAsJsonAsync($"/sim/endpoints/{id}/connection-log", new { enabled = false }));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        await harness.PollAsync();

        await ReadAsync(harness);

        var samples = await harness.ScrapeAsync();
        Assert.Equal(0, samples.Single(s => s.Name == "clientvpn_endpoint_connection_log_enabled" && s.Label("endpoint_id") == id).Value);
        Assert.All(samples.Where(s => s.Name == "clientvpn_endpoint_up"), s => Assert.Equal(1, s.Value));
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level >= LogLevel.Warning && r.Message.Contains("connection log", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(samples, s => s.Name == "clientvpn_endpoint_connection_log_enabled" && s.Value == 1);
    }

    [Fact]
    public async Task Read_Denied_PermissionZeroNamingLogsFilterLogEventsLoggedOnceAndTheRestWorks()
    {
        var logs = new FakeLogCollector();
        await using var harness = await StartAsync(
            simulator => Send(simulator.PutAsJsonAsync("/sim/permissions", new { deny = new[] { new { action = "FilterLogEvents" } } })),
            logs);
        await harness.AdvanceAsync(TimeSpan.FromMinutes(2));

        await ReadAsync(harness);
        await ReadAsync(harness);
        await harness.HealthAsync();
        await harness.PollAsync();

        var samples = await harness.ScrapeAsync();
        Assert.Equal(0, samples.Single(s => s.Name == "clientvpn_exporter_permission_ok" && s.Label("action") == "logs:FilterLogEvents").Value);
        Assert.True(samples.Single(s => s.Name == "clientvpn_exporter_api_requests_total" && s.Label("operation") == "FilterLogEvents" && s.Label("outcome") == "AccessDeniedException").Value > 0);
        Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("logs:FilterLogEvents", StringComparison.Ordinal));
        Assert.DoesNotContain(samples, s => s.Name == "clientvpn_connection_attempts_total");
        Assert.All(samples.Where(s => s.Name == "clientvpn_endpoint_up"), s => Assert.Equal(1, s.Value));
        Assert.Contains(samples, s => s.Name == "clientvpn_endpoint_health_last_success_timestamp_seconds" && s.Label("resource") == "target_networks");
    }

    [Fact]
    public async Task Read_Throttled_CountedRetriedAndTheRestWorks()
    {
        await using var harness = await StartAsync(extra: "--ClientVpn:ApiBudget:MaxRetries=1");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(2));
        await harness.SetFaultsAsync(new { action = "FilterLogEvents", throttleRate = 1.0 });

        await ReadAsync(harness);
        await harness.PollAsync();

        var samples = await harness.ScrapeAsync();
        Assert.True(samples.Single(s => s.Name == "clientvpn_exporter_api_throttles_total" && s.Label("operation") == "FilterLogEvents").Value > 0);
        Assert.True(samples.Single(s => s.Name == "clientvpn_exporter_api_retries_total" && s.Label("operation") == "FilterLogEvents").Value > 0);
        Assert.DoesNotContain(samples, s => s.Name == "clientvpn_connection_attempts_total");
        Assert.All(samples.Where(s => s.Name == "clientvpn_endpoint_up"), s => Assert.Equal(1, s.Value));

        await harness.ClearFaultsAsync();
        var truth = await AttemptTruthAsync(harness);
        await ReadAsync(harness);
        AssertCountsEqualTruth(await harness.ScrapeAsync(), truth);
    }

    private static Task ReadAsync(ExporterOnSimulator harness) => harness.AttemptsAsync();

    /// <summary>The truth of attempts from the exporter's counting start, with users.</summary>
    private static async Task<GroundTruth> AttemptTruthAsync(ExporterOnSimulator harness)
    {
        var since = harness.Exporter.Services.GetRequiredService<AttemptsCycle>().CountingStart.ToUnixTimeSeconds();
        return (await harness.SimulatorHttp.GetFromJsonAsync<GroundTruth>(
            string.Create(CultureInfo.InvariantCulture, $"/sim/truth?users=true&attemptsSince={since}"),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))!;
    }

    private static void AssertCountsEqualTruth(List<Sample> samples, GroundTruth truth)
    {
        var counted = 0L;
        foreach (var endpoint in truth.Endpoints.Where(e => e.ConnectionLog!.Enabled))
        {
            var log = endpoint.ConnectionLog!;
            var expected = log.Attempts.Where(a => a.Count > 0).ToDictionary(a => $"{a.Status}/{a.Reason}", a => (double)a.Count);
            var actual = samples
                .Where(s => s.Name == "clientvpn_connection_attempts_total" && s.Label("endpoint_id") == endpoint.EndpointId && s.Value > 0)
                .ToDictionary(s => $"{s.Label("status")}/{s.Label("reason")}", s => s.Value);
            Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(a => a.Key, StringComparer.Ordinal));
            var expectedUsers = log.AttemptsByUser!.Where(a => a.Count > 0).ToDictionary(a => $"{a.User}/{a.Status}", a => (double)a.Count);
            var actualUsers = samples
                .Where(s => s.Name == "clientvpn_user_connection_attempts_total" && s.Label("endpoint_id") == endpoint.EndpointId && s.Value > 0)
                .ToDictionary(s => $"{s.Label("user")}/{s.Label("status")}", s => s.Value);
            Assert.Equal(expectedUsers.OrderBy(e => e.Key, StringComparer.Ordinal), actualUsers.OrderBy(a => a.Key, StringComparer.Ordinal));
            counted += log.Attempts.Sum(a => a.Count);
        }

        Assert.True(counted > 0, "the simulator should have written attempts since the exporter started");
    }

    private static Dictionary<string, double> Attempts(List<Sample> samples) =>
        samples.Where(s => s.Name == "clientvpn_connection_attempts_total").ToDictionary(s => $"{s.Label("endpoint_id")}/{s.Label("status")}/{s.Label("reason")}", s => s.Value);

    private static double Outcome(List<Sample> samples, string outcome) =>
        samples.Where(s => s.Name == "clientvpn_exporter_connection_log_events_total" && s.Label("outcome") == outcome).Sum(s => s.Value);

    private static async Task Send(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        response.EnsureSuccessStatusCode();
    }

    private static Task<ExporterOnSimulator> StartAsync(Func<HttpClient, Task>? prepare = null, FakeLogCollector? logs = null, string? extra = null) =>
        ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 3, ConnectionsPerEndpoint = 20, ChurnPerHour = 600, Seed = 16, FailedAttemptShare = 0.3, LogIngestionDelay = "0-90s" },
            prepare ?? (_ => Task.CompletedTask),
            builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs ?? new FakeLogCollector())),
            [
                "--ClientVpn:PerUserMetrics=true",
                "--ClientVpn:ConnectionLog:Interval=00:15:00",
                "--ClientVpn:ConnectionLog:Lookback=00:20:00",

                // The simulator's log holds its history too (before_start): a read of the lookback is a dozen pages or more.
                "--ClientVpn:ConnectionLog:PageSize=50",

                // Many small pages: a budget that does not make the test wait (the default is 1 per second).
                "--ClientVpn:ConnectionLog:RequestsPerSecond=100",
                "--ClientVpn:ConnectionLog:Burst=100",
                .. extra is null ? Array.Empty<string>() : [extra],
            ]);
}
