using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Rules;

/// <summary>What every alert must carry, and that the runbook and the unit tests cover every alert.</summary>
public partial class RuleFileTests
{
    private const string RunbookUrl = "https://github.com/clientvpn-exporter/clientvpn-exporter/blob/main/docs/runbook.md#";

    private static readonly IReadOnlyList<Rule> Alerts = RuleFile.Alerts(RepositoryPaths.RulesFile);

    public static TheoryData<string> AlertNames => [.. Alerts.Select(a => a.Alert!)];

    [Fact]
    public void RulesFile_HasAnAlertForEveryConditionTheIssueNames()
    {
        string[] expected =
        [
            "ClientVpnExporterDown", "ClientVpnExporterTargetMissing", "ClientVpnExporterNotReady", "ClientVpnEndpointDown", "ClientVpnEndpointStale",
            "ClientVpnExporterApiThrottled", "ClientVpnExporterApiErrors", "ClientVpnExporterPermissionMissing", "ClientVpnEndpointNearConnectionQuota",
            "ClientVpnConnectionsFailedToTerminate", "ClientVpnPostureNonCompliance", "ClientVpnExporterParseErrors", "ClientVpnEndpointNotAvailable",
            "ClientVpnExporterPollOverrun", "ClientVpnExporterRestarting", "ClientVpnExporterNearMemoryLimit",
            "ClientVpnExporterShardsIncomplete",
            "ClientVpnCertificateExpiringSoon", "ClientVpnCertificateExpiryImminent", "ClientVpnCertificateExpiredOrRevoked", "ClientVpnCrlExpiringSoon",
            "ClientVpnCrlExpiryImminent", "ClientVpnCrlExpired", "ClientVpnSamlProviderExpiringSoon", "ClientVpnSamlProviderExpired",
            "ClientVpnEndpointNoAssociatedSubnet", "ClientVpnTargetNetworkAssociationFailed", "ClientVpnEndpointNearClientCidrLimit",
            "ClientVpnAuthorizationRuleFailed", "ClientVpnRouteFailed",
            "ClientVpnConnectionAttemptsFailing", "ClientVpnUserFailingRepeatedly", "ClientVpnClientConnectHandlerErrors",
            "ClientVpnClientConnectHandlerDenyingAll", "ClientVpnEndpointConnectionLogDisabled", "ClientVpnConnectionLogStale",
            "ClientVpnConnectionLogIngestionLagNearLookback",
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), Alerts.Select(a => a.Alert!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Alert_HasSeveritySummaryDescriptionAndRunbookUrl(string alert)
    {
        var rule = Alerts.Single(a => a.Alert == alert);

        Assert.Contains(rule.Labels.GetValueOrDefault("severity"), new[] { "critical", "warning", "info" });
        Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("summary")), "summary");
        Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("description")), "description");
        Assert.Equal(RunbookUrl + alert.ToLowerInvariant(), rule.Annotations.GetValueOrDefault("runbook_url"));
        Assert.False(string.IsNullOrEmpty(rule.For), "every alert waits before firing, so one bad scrape does not page");
    }

    [Fact]
    public void RunbookUrls_EachPointAtASectionOfTheRunbook()
    {
        var anchors = Markdown.Anchors(File.ReadAllText(RepositoryPaths.Runbook));

        var missing = Alerts
            .Select(a => a.Annotations["runbook_url"])
            .Select(url => url[(url.IndexOf('#', StringComparison.Ordinal) + 1)..])
            .Where(anchor => !anchors.Contains(anchor))
            .ToList();

        Assert.True(missing.Count == 0, "docs/runbook.md has no section for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Runbook_SaysWhatToCheckAndHowToFixForEveryAlert()
    {
        var text = File.ReadAllText(RepositoryPaths.Runbook);
        foreach (var alert in Alerts.Select(a => a.Alert!))
        {
            var start = text.IndexOf("## " + alert + "\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no '## {alert}' section");
            var end = text.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
            var section = end < 0 ? text[start..] : text[start..end];
            Assert.Contains("Check", section, StringComparison.Ordinal);
            Assert.Contains("Fix", section, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void Alert_HasAUnitTestWhereItFiresAndOneWhereItStaysQuiet(string alert)
    {
        var cases = Yaml.LoadFile(RepositoryPaths.RulesTestFile)!["tests"]!.AsArray()
            .SelectMany(t => t!["alert_rule_test"]?.AsArray() ?? [])
            .Where(c => (string?)c!["alertname"] == alert)
            .ToList();

        Assert.Contains(cases, c => c!["exp_alerts"] is JsonArray { Count: > 0 });
        Assert.Contains(cases, c => c!["exp_alerts"] is JsonArray { Count: 0 } or null);
    }

    [Fact]
    public void Thresholds_AreEachUsedByAnAlert_AndAlertsUseOnlyDeclaredThresholds()
    {
        var rules = RuleFile.Load(RepositoryPaths.RulesFile);
        var declared = rules.Where(r => r.Record is not null).Select(r => r.Record!).ToHashSet(StringComparer.Ordinal);
        var used = Alerts.SelectMany(a => ThresholdPattern().Matches(a.Expr).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        Assert.All(declared, d => Assert.StartsWith(RuleFile.ThresholdPrefix, d, StringComparison.Ordinal));
        Assert.Equal(declared.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
        Assert.All(rules.Where(r => r.Record is not null), r => Assert.Matches(@"^vector\([0-9.e+]+\)$", r.Expr));
    }

    [Theory]
    [InlineData("clientvpn_exporter_parse_errors_total", true)]
    [InlineData("clientvpn_exporter_budget_wait_seconds_total", true)]
    [InlineData("clientvpn_session_duration_seconds_bucket", true)]
    [InlineData("clientvpn_ingress_bytes_total", true)]
    [InlineData("process_cpu_seconds_total", true)]
    [InlineData("clientvpn_exporter_memory_limit_bytes", true)]
    [InlineData("clientvpn_exporter_api_request_total", false)]
    [InlineData("clientvpn_endpoint_status", false)]
    public void ExporterInstruments_KnowsTheNamesTheExporterCreates(string name, bool declared)
    {
        Assert.Equal(declared, ExporterInstruments.Declares(name));
    }

    [GeneratedRegex(@"clientvpn:alert_threshold:[a-z_]+")]
    private static partial Regex ThresholdPattern();
}
