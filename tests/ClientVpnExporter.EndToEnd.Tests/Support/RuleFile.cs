using System.Text.Json.Nodes;

namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>One rule of a Prometheus rules file.</summary>
internal sealed record Rule(string Group, string? Alert, string? Record, string Expr, string? For, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

/// <summary>The rules of the canonical rules file, read as Prometheus reads it.</summary>
internal static class RuleFile
{
    public const string ThresholdPrefix = "clientvpn:alert_threshold:";

    public static IReadOnlyList<Rule> Load(string path)
    {
        var root = Yaml.LoadFile(path)!.AsObject();
        var rules = new List<Rule>();
        foreach (var group in root["groups"]!.AsArray())
        {
            var name = (string)group!["name"]!;
            foreach (var rule in group["rules"]!.AsArray())
            {
                rules.Add(new Rule(
                    name,
                    (string?)rule!["alert"],
                    (string?)rule["record"],
                    (string)rule["expr"]!,
                    (string?)rule["for"],
                    Strings(rule["labels"]),
                    Strings(rule["annotations"])));
            }
        }

        return rules;
    }

    public static IReadOnlyList<Rule> Alerts(string path) => [.. Load(path).Where(r => r.Alert is not null)];

    private static Dictionary<string, string> Strings(JsonNode? node) =>
        node?.AsObject().ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal) ?? [];
}
