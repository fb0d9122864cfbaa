using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>Personal data in labels follows the privacy settings, and the hash key never leaks.</summary>
public class PrivacyTests
{
    private const string HashKey = "s3cr3t-hash-key-that-must-not-leak";

    [Fact]
    public async Task HashedUsersAndCommonNames_NeverShowTheNamesOrTheKey()
    {
        var collector = new FakeLogCollector();
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 3, ConnectionsPerEndpoint = 30, ChurnPerHour = 120, Seed = 12 },
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(collector));
            },
            "--ClientVpn:PerUserMetrics=true",
            "--ClientVpn:PerConnectionMetrics=true",
            "--ClientVpn:Privacy:User=Hash",
            "--ClientVpn:Privacy:CommonName=Hash",
            $"--ClientVpn:Privacy:HashKey={HashKey}",
            "--Logging:LogLevel:Default=Trace");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await harness.PollAsync();

        var text = await harness.ScrapeTextAsync();
        var samples = PrometheusText.Parse(text);
        var truth = await harness.TruthAsync(users: true);
        var realUsers = truth.Endpoints.SelectMany(e => e.Users!).Select(u => u.User).Distinct().ToList();

        Assert.NotEmpty(realUsers);
        Assert.All(realUsers, user => Assert.DoesNotContain($"user=\"{user}\"", text, StringComparison.Ordinal));
        Assert.All(samples.Where(s => s.Name == "clientvpn_user_ingress_bytes_total"), s => Assert.Matches("^[0-9a-f]{16}$", s.Label("user")));
        Assert.All(samples.Where(s => s.Name == "clientvpn_connection_info"), s => Assert.Matches("^([0-9]{1,3}\\.){3}0/24$|^$", s.Label("client_ip")));
        Assert.Equal(
            truth.Endpoints.Sum(e => e.Users!.Count),
            samples.Count(s => s.Name == "clientvpn_user_ingress_bytes_total"));

        Assert.NotEmpty(collector.GetSnapshot());
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Message.Contains(HashKey, StringComparison.Ordinal) || (r.Exception?.ToString().Contains(HashKey, StringComparison.Ordinal) ?? false));
        Assert.DoesNotContain(HashKey, text, StringComparison.Ordinal);
    }
}
