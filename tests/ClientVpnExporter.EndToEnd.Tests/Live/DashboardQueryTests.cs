using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>Every query of every dashboard, sent to the live Prometheus the way Grafana would send it.</summary>
[Collection(LiveMonitoringGroup.Name)]
public partial class DashboardQueryTests(LiveMonitoring stack)
{
    /// <summary>Panels that may have no data against today's simulator, and why; every other query must return series.</summary>
    private static readonly Dictionary<(string Uid, string Panel), string> MayBeEmpty = new()
    {
        [("clientvpn-exporter-health", "Retries")] = "clientvpn_exporter_api_retries_total comes with the fault-handling work, and a healthy simulator causes no retries",
        [("clientvpn-exporter-health", "Budget waits")] = "clientvpn_exporter_budget_wait_seconds_total comes with the fault-handling work",
        [("clientvpn-exporter-health", "Poll overruns")] = "clientvpn_exporter_poll_overruns_total comes with the fault-handling work, and polls of the simulator never overrun",
        [("clientvpn-exporter-health", "Permissions")] = "clientvpn_exporter_permission_ok comes with the fault-handling work",
        [("clientvpn-exporter-health", "Parse errors by field")] = "the simulator's fields always parse, so the counter never appears",
    };

    public static TheoryData<string> Uids => [.. Dashboard.LoadAll().Select(d => d.Uid)];

    [Theory]
    [MemberData(nameof(Uids))]
    public async Task EveryVariable_ResolvesToValues(string uid)
    {
        await stack.WaitUntilHealthyAsync();

        var values = await this.ResolveVariablesAsync(Dashboard.LoadAll().Single(d => d.Uid == uid));

        Assert.Equal(["datasource", "endpoint", "instance", "job", "region"], values.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Uids))]
    public async Task EveryPanelQuery_Evaluates_AndPanelsThatShouldHaveDataDo(string uid)
    {
        await stack.WaitUntilHealthyAsync();
        var dashboard = Dashboard.LoadAll().Single(d => d.Uid == uid);
        var variables = await this.ResolveVariablesAsync(dashboard);

        var empty = new List<string>();
        foreach (var query in dashboard.Queries)
        {
            var promql = Dashboard.Substitute(query.Expr, variables);
            var result = query.Instant ? await stack.QueryAsync(promql) : await stack.QueryRangeAsync(promql);
            if (result.Count == 0 && !MayBeEmpty.ContainsKey((uid, query.Panel)))
            {
                empty.Add($"{query.Panel} / {query.RefId}: {promql}");
            }
        }

        Assert.True(empty.Count == 0, "queries with no data:\n" + string.Join('\n', empty));
        Assert.All(MayBeEmpty.Keys.Where(k => k.Uid == uid), k => Assert.Contains(dashboard.Queries, q => q.Panel == k.Panel));
    }

    /// <summary>
    /// Resolves each variable in order, as Grafana does: label_values() through the series API, with the
    /// variables before it substituted. "All" becomes <c>.*</c>; a single-value variable takes the first value.
    /// </summary>
    private async Task<Dictionary<string, string>> ResolveVariablesAsync(Dashboard dashboard)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in dashboard.Variables)
        {
            var name = (string)variable["name"]!;
            if ((string?)variable["type"] == "datasource")
            {
                values[name] = "prometheus";
                continue;
            }

            var definition = Dashboard.Substitute((string)variable["definition"]!, values);
            var match = LabelValuesPattern().Match(definition);
            Assert.True(match.Success, $"{name}: {definition}");
            var found = await stack.LabelValuesAsync(match.Groups["selector"].Value, match.Groups["label"].Value);
            Assert.True(found.Count > 0, $"variable {name} ({definition}) has no values");
            values[name] = (bool?)variable["includeAll"] == true ? ".*" : found[0];
        }

        return values;
    }

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>[a-z_]+)\)$")]
    private static partial Regex LabelValuesPattern();
}
