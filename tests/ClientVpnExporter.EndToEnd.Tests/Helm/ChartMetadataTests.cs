using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>Chart.yaml as Helm users and Artifact Hub expect it, checked against what the chart renders.</summary>
public sealed partial class ChartMetadataTests
{
    private static readonly System.Text.Json.Nodes.JsonNode Chart = Yaml.LoadFile(Path.Combine(RepositoryPaths.Chart, "Chart.yaml"))!;

    [Fact]
    public void ChartYaml_IsAnApplicationChartOfTheExportersVersion()
    {
        var version = VersionPattern().Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))).Groups[1].Value;

        Assert.Equal("v2", (string?)Chart["apiVersion"]);
        Assert.Equal("clientvpn-exporter", (string?)Chart["name"]);
        Assert.Equal("application", (string?)Chart["type"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string)Chart["version"]!);
        Assert.Equal(version, (string?)Chart["appVersion"]);
    }

    [Fact]
    public void KubeVersion_SpansTheVersionsTheMatrixRendersFor_AndTheSchemasValidatedAgainst()
    {
        var oldest = ValuesMatrix.Cells.Select(c => c.KubeVersion).OfType<string>().Min(v => Version.Parse(v));
        var newest = ValuesMatrix.Cells.Select(c => c.KubeVersion).OfType<string>().Max(v => Version.Parse(v));

        Assert.Equal($">={oldest!.Major}.{oldest.Minor}.0-0 <{newest!.Major}.{newest.Minor + 1}.0-0", (string?)Chart["kubeVersion"]);
        Assert.Equal(Version.Parse(KubernetesSchemas.KubernetesVersion), newest);
    }

    [Fact]
    public void Icon_IsAFileOfThisRepositoryOnItsMainBranch()
    {
        var icon = (string)Chart["icon"]!;
        var prefix = $"https://raw.githubusercontent.com/clientvpn-exporter/clientvpn-exporter/main/";

        Assert.StartsWith(prefix, icon, StringComparison.Ordinal);
        var file = Path.Combine(RepositoryPaths.Root, icon[prefix.Length..]);
        Assert.True(File.Exists(file), $"{icon} names {file}, which is not in the repository");
        Assert.StartsWith("<svg", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArtifactHubAnnotations_NameTheImageTheDefaultsDeploy_TheLicenseAndHttpsLinks()
    {
        var annotations = Chart["annotations"]!;
        var images = Yaml.Parse((string)annotations["artifacthub.io/images"]!)!.AsArray();
        var links = Yaml.Parse((string)annotations["artifacthub.io/links"]!)!.AsArray();
        var deployed = (string?)(await RenderedChart.RenderAsync("")).Container["image"];

        Assert.Equal([deployed], images.Select(i => (string?)i!["image"]));
        Assert.Equal("MIT", (string?)annotations["artifacthub.io/license"]);
        Assert.Equal("monitoring-logging", (string?)annotations["artifacthub.io/category"]);
        Assert.All(links, l => Assert.StartsWith("https://", (string)l!["url"]!, StringComparison.Ordinal));
        Assert.Contains(links, l => (string?)l!["name"] == "source");
    }

    [Fact]
    public void Thresholds_NameEveryThresholdRecordingRuleOfTheRulesFile()
    {
        var thresholds = ChartValues.Load()["prometheusRule"]!["thresholds"]!.AsObject();
        var records = RuleFile.Load(RepositoryPaths.RulesFile).Where(r => r.Record is not null).Select(r => r.Record![RuleFile.ThresholdPrefix.Length..]);

        Assert.Equal(records.Order(StringComparer.Ordinal), thresholds.Select(t => t.Key).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("<Version>(.+)</Version>")]
    private static partial Regex VersionPattern();
}
