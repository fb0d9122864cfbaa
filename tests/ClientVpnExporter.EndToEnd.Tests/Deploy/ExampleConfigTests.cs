using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Deploy;

/// <summary>The example Prometheus and Alertmanager configurations of deploy/, through promtool and amtool.</summary>
public class ExampleConfigTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private static readonly string Alertmanager = Path.Combine(RepositoryPaths.Root, "deploy", "alertmanager", "alertmanager.yml");

    private static string Amtool => ExternalTool.Find("amtool", "prometheus-alertmanager");

    public static TheoryData<string, string> AlertSeverities()
    {
        var data = new TheoryData<string, string>();
        foreach (var alert in RuleFile.Alerts(RepositoryPaths.RulesFile))
        {
            data.Add(alert.Alert!, alert.Labels["severity"]);
        }

        return data;
    }

    [Fact]
    public async Task PrometheusExample_PassesPromtoolCheckConfig_WithTheRules()
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Promtool, ["check", "config", Path.Combine(RepositoryPaths.Root, "deploy", "prometheus", "prometheus.yml")], null, Timeout);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("1 rule files found", result.Output, StringComparison.Ordinal);
        // promtool loads every rule the file holds: as many as the file's own parse finds.
        Assert.Contains($"{RuleFile.Load(RepositoryPaths.RulesFile).Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertmanagerExample_PassesAmtoolCheckConfig()
    {
        var result = await ExternalTool.RunAsync(Amtool, ["check-config", Alertmanager], null, Timeout);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AlertSeverities))]
    public async Task AlertmanagerExample_RoutesEachAlertBySeverity(string alert, string severity)
    {
        var expected = severity switch
        {
            "critical" => "network-pager,network-chat",
            "warning" => "network-chat",
            _ => "network-tickets",
        };

        var result = await ExternalTool.RunAsync(
            Amtool,
            ["config", "routes", "test", $"--config.file={Alertmanager}", $"--verify.receivers={expected}", $"alertname={alert}", $"severity={severity}"],
            null,
            Timeout);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task AlertmanagerExample_LeavesOtherAlertsToTheDefaultReceiver()
    {
        var result = await ExternalTool.RunAsync(
            Amtool,
            ["config", "routes", "test", $"--config.file={Alertmanager}", "--verify.receivers=default", "alertname=NodeDown", "severity=critical"],
            null,
            Timeout);

        Assert.True(result.ExitCode == 0, result.Output);
    }
}
