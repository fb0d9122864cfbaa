using System.Net;
using System.Net.Http.Json;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>Probing <c>/readyz</c> while the first poll runs: 503 each time, and the log stays quiet.</summary>
public class ReadinessLoggingTests
{
    [Fact]
    public async Task Readyz_BeforeTheFirstPoll_Answers503WithoutALogLinePerProbe_Then200()
    {
        var logs = new FakeLogCollector();
        await using var harness = await ExporterOnSimulator.LaunchAsync(
            new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 5, Seed = 1 },
            async simulator => (await simulator.PutAsJsonAsync("/sim/faults", new { rules = new[] { new { hangRate = 1.0 } } })).EnsureSuccessStatusCode(),
            builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)),
            "--Logging:LogLevel:Default=Information",
            "--ClientVpn:ApiBudget:RequestTimeout=00:00:05",
            "--ClientVpn:ApiBudget:MaxRetries=0");

        for (var probe = 0; probe < 10; probe++)
        {
            using var response = await harness.Http.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        Assert.Equal(0, harness.Poller.CompletedPolls);
        var lines = logs.GetSnapshot().Where(r => r.Category?.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal) == true
            || r.Message.Contains("first-poll", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count <= 1, string.Join("\n", lines.Select(r => $"{r.Level} {r.Category}: {r.Message}")));

        await harness.ClearFaultsAsync();
        await RunningExporter.WaitUntilReadyAsync(harness.Http);
    }
}
