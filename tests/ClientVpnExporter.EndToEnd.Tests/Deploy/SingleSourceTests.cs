using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Deploy;

/// <summary>
/// The rules and the dashboards exist once: inside the Helm chart, which can only ship files of its own
/// folder. Everything else in the repository (dashboards/, deploy/prometheus/) links to those files.
/// </summary>
public class SingleSourceTests
{
    private static readonly string[] Skipped = [".git", "bin", "obj", "artifacts", "TestResults", "node_modules"];

    [Theory]
    [InlineData("dashboards/clientvpn-fleet.json", "helm/clientvpn-exporter/files/dashboards/clientvpn-fleet.json")]
    [InlineData("dashboards/clientvpn-endpoint.json", "helm/clientvpn-exporter/files/dashboards/clientvpn-endpoint.json")]
    [InlineData("dashboards/clientvpn-exporter-health.json", "helm/clientvpn-exporter/files/dashboards/clientvpn-exporter-health.json")]
    [InlineData("deploy/prometheus/clientvpn-rules.yaml", "helm/clientvpn-exporter/files/prometheus/clientvpn-rules.yaml")]
    [InlineData("deploy/prometheus/clientvpn-rules.test.yaml", "helm/clientvpn-exporter/files/prometheus/clientvpn-rules.test.yaml")]
    public void RepositoryCopy_IsALinkToTheChartsFile(string link, string target)
    {
        var info = new FileInfo(Path.Combine(RepositoryPaths.Root, link));

        Assert.NotNull(info.LinkTarget);
        Assert.Equal(Path.Combine(RepositoryPaths.Root, target), info.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
    }

    [Fact]
    public void DashboardsFolder_LinksEveryDashboardOfTheChart()
    {
        var links = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "dashboards"), "*.json").Select(Path.GetFileName);

        Assert.Equal(RepositoryPaths.DashboardFiles.Select(Path.GetFileName), links.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AlertRulesAndDashboards_HaveNoOtherCopyInTheRepository()
    {
        var rules = new List<string>();
        var dashboards = new List<string>();
        foreach (var file in Files(RepositoryPaths.Root))
        {
            var text = File.ReadAllText(file);
            if (text.Contains("alert: ClientVpn", StringComparison.Ordinal))
            {
                rules.Add(file);
            }

            if (text.Contains("\"uid\": \"clientvpn-", StringComparison.Ordinal))
            {
                dashboards.Add(file);
            }
        }

        Assert.Equal([RepositoryPaths.RulesFile], rules);
        Assert.Equal(RepositoryPaths.DashboardFiles, dashboards.Order(StringComparer.Ordinal));
    }

    /// <summary>Every regular file of the repository's text, links excluded (they are not copies).</summary>
    private static IEnumerable<string> Files(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (new FileInfo(file).LinkTarget is null && Path.GetExtension(file) is ".yaml" or ".yml" or ".json" or ".md" or ".tpl" or ".txt")
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(directory))
        {
            if (!Skipped.Contains(Path.GetFileName(sub)) && new DirectoryInfo(sub).LinkTarget is null)
            {
                foreach (var file in Files(sub))
                {
                    yield return file;
                }
            }
        }
    }
}
