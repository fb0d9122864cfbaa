using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>A hostile value in an AWS response, through the real SDK and exporter, reaches the log bounded and escaped.</summary>
public class LogInjectionTests
{
    [Fact]
    public async Task HostileMalformedField_IsLoggedOnOneLineBoundedAndEscaped()
    {
        var logs = new FakeLogCollector();
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 20, Seed = 5 },
            builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));
        var hostile = "12\nfail: ClientVpnExporter[0] forged line\u2028\u202Eesrever" + new string('A', 20_000);
        await harness.SetFaultsAsync(new { action = "DescribeClientVpnConnections", malformedFields = new Dictionary<string, string> { ["ingressBytes"] = hostile } });

        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        await harness.PollAsync();

        var line = Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("malformed ingressBytes", StringComparison.Ordinal)).Message;
        Assert.Contains("'12\\u000Afail: ClientVpnExporter[0] forged line\\u2028\\u202Eesrever" + new string('A', LogText.MaxLength - 50) + "…'", line, StringComparison.Ordinal);
        Assert.DoesNotContain(line, c => char.IsControl(c) || c is '\u2028' or '\u202E');
        Assert.True(line.Length < 400, $"{line.Length} characters: {line}");
    }
}
