using System.Reflection;
using System.Text.RegularExpressions;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>
/// The Helm chart, read: there is no Helm binary here, so these tests check what can be checked without
/// rendering (the values the templates use exist, the files they ship are the repository's, the template
/// blocks are balanced, the documentation covers every value). The templates themselves are reviewed by reading.
/// </summary>
public partial class ChartTests
{
    private static readonly string Templates = Path.Combine(RepositoryPaths.Chart, "templates");

    private static readonly string[] TemplateNames =
        [.. Directory.GetFiles(Templates).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static TheoryData<string> TemplateFiles => [.. TemplateNames];

    [Fact]
    public void Chart_HasTheObjectsTheBundlePromises()
    {
        string[] expected =
        [
            "NOTES.txt", "_helpers.tpl", "configmap.yaml", "dashboards-configmap.yaml", "deployment.yaml", "networkpolicy.yaml",
            "poddisruptionbudget.yaml", "prometheusrule.yaml", "service.yaml", "serviceaccount.yaml", "servicemonitor.yaml",
        ];

        Assert.Equal(expected, TemplateNames);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Chart, "values.schema.json")));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Chart, "README.md")));
    }

    [Fact]
    public void ChartYaml_IsAnApplicationChartOfTheExportersVersion()
    {
        var chart = Yaml.LoadFile(Path.Combine(RepositoryPaths.Chart, "Chart.yaml"))!;
        var version = Regex.Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")), "<Version>(.+)</Version>").Groups[1].Value;

        Assert.Equal("v2", (string?)chart["apiVersion"]);
        Assert.Equal("clientvpn-exporter", (string?)chart["name"]);
        Assert.Equal("application", (string?)chart["type"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string)chart["version"]!);
        Assert.Equal(version, (string?)chart["appVersion"]);
    }

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void Template_UsesOnlyValuesThatExist(string file)
    {
        var values = ChartValues.Load();
        var text = File.ReadAllText(Path.Combine(Templates, file));

        var missing = ValuesReference().Matches(text)
            .Select(m => m.Groups[1].Value)
            .Where(path => { ChartValues.At(values, path, out var found); return !found; })
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, "not in values.yaml: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void Template_HasBalancedBlocks(string file)
    {
        var text = File.ReadAllText(Path.Combine(Templates, file));

        Assert.Equal(Regex.Count(text, @"\{\{"), Regex.Count(text, @"\}\}"));
        Assert.Equal(BlockStart().Count(text), BlockEnd().Count(text));
    }

    [Fact]
    public void Deployment_ProbesTheHealthEndpoints_AndRunsHardened()
    {
        var values = ChartValues.Load();
        var deployment = File.ReadAllText(Path.Combine(Templates, "deployment.yaml"));

        Assert.Equal("/healthz", (string?)values["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)values["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal(true, (bool?)values["podSecurityContext"]!["runAsNonRoot"]);
        Assert.Equal(false, (bool?)values["securityContext"]!["allowPrivilegeEscalation"]);
        Assert.Equal(true, (bool?)values["securityContext"]!["readOnlyRootFilesystem"]);
        Assert.Equal(["ALL"], values["securityContext"]!["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
        Assert.NotNull(values["resources"]!["requests"]);
        foreach (var used in new[] { ".Values.livenessProbe", ".Values.readinessProbe", ".Values.startupProbe", ".Values.podSecurityContext", ".Values.securityContext", ".Values.resources" })
        {
            Assert.Contains(used, deployment, StringComparison.Ordinal);
        }

        Assert.Contains("containerPort: 9926", deployment, StringComparison.Ordinal);
        Assert.Contains("mountPath: /tmp", deployment, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_MapEveryConfigValueToAnExporterOption()
    {
        var helpers = File.ReadAllText(Path.Combine(Templates, "_helpers.tpl"));
        var options = typeof(ExporterOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var (key, _) in ChartValues.Load()["config"]!.AsObject().Where(p => p.Key != "logLevel"))
        {
            var option = char.ToUpperInvariant(key[0]) + key[1..];
            Assert.Contains(option, options);
            Assert.Matches($"\"{option}\" (\\$c\\.{key}|\\.)", helpers);
            Assert.Contains($"$c.{key}", helpers, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PrometheusRule_ShipsTheCanonicalRulesFile_AndItsTextReplacementsMatchIt()
    {
        var template = File.ReadAllText(Path.Combine(Templates, "prometheusrule.yaml"));
        var rules = File.ReadAllText(RepositoryPaths.RulesFile);
        var values = ChartValues.Load();

        Assert.Contains(".Files.Get \"files/prometheus/clientvpn-rules.yaml\"", template, StringComparison.Ordinal);
        var replaced = ReplaceCall().Matches(template).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, replaced.Count);
        Assert.All(replaced, old => Assert.Contains(old, rules, StringComparison.Ordinal));

        // With the default values the chart ships the file unchanged.
        Assert.Contains($"job=\"{values["jobName"]}\"", replaced);
        Assert.Contains($"posture=~\"{values["prometheusRule"]!["postureNonCompliantMatcher"]}\"", replaced);
        Assert.Contains((string)values["prometheusRule"]!["runbookBaseUrl"]!, replaced);
    }

    [Fact]
    public void ThresholdValues_AreTheRulesFilesThresholds_WithTheSameDefaults()
    {
        var thresholds = ChartValues.Load()["prometheusRule"]!["thresholds"]!.AsObject();
        var records = RuleFile.Load(RepositoryPaths.RulesFile).Where(r => r.Record is not null)
            .ToDictionary(r => r.Record![RuleFile.ThresholdPrefix.Length..], r => double.Parse(r.Expr[7..^1], System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(records.Keys.Order(StringComparer.Ordinal), thresholds.Select(t => t.Key).Order(StringComparer.Ordinal));
        Assert.All(thresholds, t => Assert.Equal(records[t.Key], double.Parse(t.Value!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("clientvpn:alert_threshold:", File.ReadAllText(Path.Combine(Templates, "prometheusrule.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void DashboardsConfigMap_ShipsEveryDashboardFile_ForTheGrafanaSidecar()
    {
        var template = File.ReadAllText(Path.Combine(Templates, "dashboards-configmap.yaml"));

        Assert.Contains(".Files.Glob \"files/dashboards/*.json\"", template, StringComparison.Ordinal);
        Assert.Contains("$.Files.Get $path", template, StringComparison.Ordinal);
        Assert.Equal("1", (string?)ChartValues.Load()["dashboards"]!["labels"]!["grafana_dashboard"]);
        Assert.Equal(3, RepositoryPaths.DashboardFiles.Count);
    }

    [Fact]
    public void ChartReadme_DocumentsEveryValue_AndSaysItWasNotRenderedHere()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Chart, "README.md"));

        var undocumented = ChartValues.DocumentedPaths().Where(p => !readme.Contains($"| `{p}` |", StringComparison.Ordinal)).ToList();

        Assert.True(undocumented.Count == 0, "values missing from the README's table: " + string.Join(", ", undocumented));
        Assert.Contains("helm template", readme, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docs/runbook.md")]
    [InlineData("docs/alerts.md")]
    [InlineData("docs/dashboards.md")]
    [InlineData("helm/clientvpn-exporter/README.md")]
    public void Documentation_NamesOnlyValuesThatExist(string file)
    {
        var values = ChartValues.Load();
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, file));

        var missing = DocumentedValue().Matches(text)
            .Select(m => m.Groups[1].Value)
            .Where(path => { ChartValues.At(values, path, out var found); return !found; })
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, $"{file} names values the chart does not have: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"\{\{-?\s*(if|range|with|define)\b")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"\{\{-?\s*end\b")]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"replace ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ReplaceCall();

    [GeneratedRegex(@"`((?:config|prometheusRule|serviceMonitor|serviceAccount|networkPolicy|dashboards|podDisruptionBudget|resources|image|service)\.[A-Za-z0-9_.]*[A-Za-z0-9_])")]
    private static partial Regex DocumentedValue();
}
