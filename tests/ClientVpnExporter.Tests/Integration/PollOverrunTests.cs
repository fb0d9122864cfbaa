using System.Net.Http.Json;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>A poll that outlasts its interval says what made it slow, and only then gives advice.</summary>
public class PollOverrunTests
{
    private const string Connections = "DescribeClientVpnConnections";

    public static TheoryData<string, object, string> Overruns => new()
    {
        { "failing", new { action = Connections, serverErrorRate = 1.0, latencyMs = 600 }, "AWS calls failed and were retried, and " },
        { "throttled", new { action = Connections, throttleRate = 1.0, latencyMs = 600 }, "AWS throttled" },
        { "slow", new { action = Connections, latencyMs = 1100 }, "without failures or throttling" },
    };

    [Theory]
    [MemberData(nameof(Overruns))]
    public async Task PollOverrun_SaysWhatTheSlowPollMet(string kind, object fault, string expected)
    {
        var logs = new FakeLogCollector();
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 20, Seed = 3 },
            async simulator => (await simulator.PutAsJsonAsync("/sim/faults", new { rules = new[] { fault } })).EnsureSuccessStatusCode(),
            builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)),
            "--ClientVpn:PollInterval=00:00:01",
            "--ClientVpn:ApiBudget:MaxRetries=1",
            "--ClientVpn:ApiBudget:RequestsPerSecond=100",
            "--ClientVpn:ApiBudget:Burst=100");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<string> overruns;
        do
        {
            await Task.Delay(200);
            overruns = [.. logs.GetSnapshot().Select(r => r.Message).Where(m => m.StartsWith("A poll took", StringComparison.Ordinal))];
        }
        while (overruns.Count == 0 && DateTime.UtcNow < deadline);

        Assert.True(overruns.Count > 0, "no overrun");
        Assert.True(overruns.All(m => m.Contains(expected, StringComparison.Ordinal)), string.Join("\n", logs.GetSnapshot().Select(r => r.Message)));
        Assert.All(overruns, m => Assert.Contains(expected, m, StringComparison.Ordinal));
        Assert.Equal(kind == "slow", overruns.All(m => m.Contains("raise ClientVpn:ApiBudget:RequestsPerSecond", StringComparison.Ordinal)));
    }
}
