using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>Every query of every dashboard, sent to the live Prometheus the way Grafana would send it.</summary>
[Collection(LiveMonitoringGroup.Name)]
public partial class DashboardQueryTests(LiveMonitoring stack)
{
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

        // A query may come back empty only when it needs a counter the exporter has not counted yet
        // (no parse error, retry or throttle happens against a healthy simulator), or the memory limit of a
        // container on a machine without one; every other must have data.
        var exposed = await stack.ExposedMetricNamesAsync();
        var empty = new List<string>();
        foreach (var query in dashboard.Queries)
        {
            var promql = Dashboard.Substitute(query.Expr, variables);
            var mayBeEmpty = Dashboard.MetricNames(query.Expr).Any(m => !exposed.Contains(m) && ExporterInstruments.MayBeAbsentFromAHealthyScrape(m));
            var result = await this.EvaluateAsync(promql, query.Instant);
            for (var retry = 0; result.Count == 0 && !mayBeEmpty && retry < 3; retry++)
            {
                // One scrape may miss the series (a stale marker makes an instant query empty until the next).
                await Task.Delay(TimeSpan.FromSeconds(1));
                result = await this.EvaluateAsync(promql, query.Instant);
            }

            if (result.Count == 0 && !mayBeEmpty)
            {
                empty.Add($"{query.Panel} / {query.RefId}: {promql}");
            }
        }

        Assert.True(empty.Count == 0, "queries with no data:\n" + string.Join('\n', empty));
    }

    private Task<System.Text.Json.Nodes.JsonArray> EvaluateAsync(string promql, bool instant) =>
        instant ? stack.QueryAsync(promql) : stack.QueryRangeAsync(promql);

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
