using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>The bundle's rules loaded by a real Prometheus that scrapes the exporter.</summary>
[Collection(LiveMonitoringGroup.Name)]
public class AlertRuleTests(LiveMonitoring stack)
{
    [Fact]
    public async Task LoadedRules_AreTheCanonicalRules_AndEveryOneEvaluatesHealthy()
    {
        var canonical = RuleFile.Load(RepositoryPaths.RulesFile);

        var groups = await Poll.UntilAsync(
            async () =>
            {
                var answer = await stack.Prometheus.GetFromJsonAsync<JsonObject>("api/v1/rules");
                var loaded = answer!["data"]!["groups"]!.AsArray();
                var rules = loaded.SelectMany(g => g!["rules"]!.AsArray()).ToList();
                return rules.Count == canonical.Count && rules.All(r => (string?)r!["health"] == "ok") ? loaded : null;
            },
            TimeSpan.FromSeconds(30),
            "every loaded rule to have been evaluated without error",
            () => stack.Diagnostics);

        // Prometheus lists groups by name and prints each expression back in its own layout: compare the
        // rules by group and name, and the expressions as Prometheus formats both.
        var loadedRules = groups
            .SelectMany(g => g!["rules"]!.AsArray().Select(r => (Group: (string)g["name"]!, Name: (string)r!["name"]!, Query: (string)r["query"]!)))
            .ToList();
        Assert.Equal(
            canonical.Select(r => (r.Group, r.Alert ?? r.Record)).Order(),
            loadedRules.Select(r => (r.Group, (string?)r.Name)).Order());
        foreach (var rule in canonical)
        {
            var loaded = loadedRules.Single(r => r.Group == rule.Group && r.Name == (rule.Alert ?? rule.Record));
            Assert.Equal(await stack.FormatAsync(rule.Expr), await stack.FormatAsync(loaded.Query));
        }
    }

    [Fact]
    public async Task EveryRuleExpression_EvaluatesAsAnInstantQuery()
    {
        await stack.WaitUntilHealthyAsync();

        foreach (var rule in RuleFile.Load(RepositoryPaths.RulesFile))
        {
            // QueryAsync fails the test with Prometheus' error when an expression does not evaluate.
            await stack.QueryAsync(rule.Expr);
        }

        var threshold = await stack.QueryAsync("clientvpn:alert_threshold:connection_quota");
        Assert.Equal("7000", (string?)threshold.Single()!["value"]![1]);
    }

    [Fact]
    public async Task HealthyFleet_KeepsTheExporterAndEndpointAlertsQuiet()
    {
        await stack.WaitUntilHealthyAsync();

        // Rules are evaluated every second with `for: 1s`: anything the healthy stack set off would show here.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var firing = await stack.QueryAsync("ALERTS{alertstate=\"firing\"}");
        var names = firing.Select(a => (string)a!["metric"]!["alertname"]!).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain("ClientVpnExporterDown", names);
        Assert.DoesNotContain("ClientVpnExporterTargetMissing", names);
        Assert.DoesNotContain("ClientVpnExporterNotReady", names);
        Assert.DoesNotContain("ClientVpnEndpointDown", names);
        Assert.DoesNotContain("ClientVpnEndpointStale", names);
        Assert.DoesNotContain("ClientVpnEndpointNotAvailable", names);
        Assert.DoesNotContain("ClientVpnExporterApiErrors", names);
        Assert.DoesNotContain("ClientVpnEndpointNearConnectionQuota", names);
    }

    [Fact]
    public async Task MetricNames_InRulesAndDashboards_AreTheOnesTheExporterExposes()
    {
        await stack.WaitUntilHealthyAsync();
        var exposed = await stack.ExposedMetricNamesAsync();

        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in RuleFile.Load(RepositoryPaths.RulesFile))
        {
            foreach (var name in Dashboard.MetricNames(rule.Expr))
            {
                used.TryAdd(name, "rule " + (rule.Alert ?? rule.Record));
            }
        }

        foreach (var dashboard in Dashboard.LoadAll())
        {
            foreach (var query in dashboard.Queries)
            {
                foreach (var name in Dashboard.MetricNames(query.Expr))
                {
                    used.TryAdd(name, $"{dashboard.Uid} / {query.Panel}");
                }
            }

            foreach (var variable in dashboard.Variables.Where(v => v["definition"] is not null))
            {
                foreach (var name in Dashboard.MetricNames((string)variable["definition"]!))
                {
                    used.TryAdd(name, $"{dashboard.Uid} / variable {variable["name"]}");
                }
            }
        }

        // A name missing from a healthy scrape must be one the exporter creates but has no value for yet.
        var unknown = used
            .Where(u => !exposed.Contains(u.Key) && !ExporterInstruments.MayBeAbsentFromAHealthyScrape(u.Key))
            .Select(u => $"{u.Key} ({u.Value})")
            .ToList();
        Assert.True(unknown.Count == 0, "not exposed by the exporter:\n" + string.Join('\n', unknown));

        // And the other way round: every metric family the exporter serves is shown or alerted on somewhere.
        var families = exposed.Where(n => n.StartsWith("clientvpn_", StringComparison.Ordinal)).Select(Family).ToHashSet(StringComparer.Ordinal);
        var usedFamilies = used.Keys.Select(Family).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(families.Except(usedFamilies));
    }

    private static string Family(string name)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
