namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>
/// Where the monitoring bundle lives. The rules and dashboards have one copy each, inside the Helm chart
/// (Helm can only read files inside the chart); <c>dashboards/</c> and <c>deploy/prometheus/</c> link to them.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Chart => Path.Combine(Root, "helm", "clientvpn-exporter");

    public static string RulesFile => Path.Combine(Chart, "files", "prometheus", "clientvpn-rules.yaml");

    public static string RulesTestFile => Path.Combine(Chart, "files", "prometheus", "clientvpn-rules.test.yaml");

    public static string DashboardsDirectory => Path.Combine(Chart, "files", "dashboards");

    public static string Runbook => Path.Combine(Root, "docs", "runbook.md");

    public static string Dockerfile => Path.Combine(Root, "Dockerfile");

    public static IReadOnlyList<string> DashboardFiles =>
        [.. Directory.GetFiles(DashboardsDirectory, "*.json").Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Exporter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Exporter.sln above {AppContext.BaseDirectory}.");
    }
}
