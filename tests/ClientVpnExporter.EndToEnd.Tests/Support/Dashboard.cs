using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>One query of a dashboard panel.</summary>
internal sealed record PanelQuery(string Dashboard, string Panel, string RefId, string Expr, bool Instant);

/// <summary>A Grafana dashboard file read as Grafana reads it.</summary>
internal sealed partial class Dashboard
{
    private Dashboard(string path, JsonObject json)
    {
        this.Path = path;
        this.Json = json;
    }

    public string Path { get; }

    public string FileName => System.IO.Path.GetFileName(this.Path);

    public JsonObject Json { get; }

    public string Uid => (string)this.Json["uid"]!;

    public string Title => (string)this.Json["title"]!;

    /// <summary>Every panel, those inside collapsed rows included; rows themselves are not panels with queries.</summary>
    public IReadOnlyList<JsonObject> Panels =>
        [.. AllPanels(this.Json["panels"]!.AsArray()).Where(p => (string?)p["type"] != "row")];

    public IReadOnlyList<JsonObject> Variables => [.. this.Json["templating"]!["list"]!.AsArray().Select(v => v!.AsObject())];

    public IReadOnlyList<PanelQuery> Queries =>
    [
        .. this.Panels.SelectMany(p => (p["targets"]?.AsArray() ?? []).Select(t => new PanelQuery(
            this.Uid,
            (string)p["title"]!,
            (string)t!["refId"]!,
            (string)t["expr"]!,
            (bool?)t["instant"] == true && (bool?)t["range"] != true))),
    ];

    public static IReadOnlyList<Dashboard> LoadAll() =>
        [.. RepositoryPaths.DashboardFiles.Select(f => new Dashboard(f, JsonNode.Parse(File.ReadAllText(f))!.AsObject()))];

    /// <summary>The names of the exporter's metrics a PromQL expression uses.</summary>
    public static IReadOnlySet<string> MetricNames(string expr) =>
        MetricNamePattern().Matches(expr).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Replaces Grafana's variables as Grafana would before sending a query: the built-in intervals with
    /// fixed durations and each template variable with the value given (<c>.*</c> for "All").
    /// </summary>
    public static string Substitute(string expr, IReadOnlyDictionary<string, string> variables)
    {
        var result = expr
            .Replace("${__rate_interval}", "1m", StringComparison.Ordinal)
            .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
            .Replace("${__interval}", "15s", StringComparison.Ordinal)
            .Replace("$__interval", "15s", StringComparison.Ordinal)
            .Replace("${__range}", "1h", StringComparison.Ordinal)
            .Replace("$__range", "1h", StringComparison.Ordinal);
        result = VariablePattern().Replace(result, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
            return variables.TryGetValue(name, out var value) ? value : m.Value;
        });
        Assert.DoesNotContain("$", result, StringComparison.Ordinal);
        return result;
    }

    private static IEnumerable<JsonObject> AllPanels(JsonArray panels)
    {
        foreach (var panel in panels.Select(p => p!.AsObject()))
        {
            yield return panel;
            if (panel["panels"] is JsonArray nested)
            {
                foreach (var inner in AllPanels(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"\b(clientvpn|process|dotnet)_[a-z0-9_]+\b(?!\s*\()")]
    private static partial Regex MetricNamePattern();

    [GeneratedRegex(@"\$\{(?<braced>[A-Za-z0-9_]+)(:[a-z]+)?\}|\$(?<plain>[A-Za-z0-9_]+)")]
    private static partial Regex VariablePattern();
}
