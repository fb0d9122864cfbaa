using System.Runtime.Versioning;
using ClientVpnExporter.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>
/// Every cell's rendered pod given to the real exporter's --check-config: the settings ConfigMap, the web
/// configuration Secret with its certificate, the env and the args are ones the exporter accepts, with no
/// setting misspelt or out of range; by the image's Native AOT binary and by the JIT build.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ChartCheckConfigTests(ITestOutputHelper output)
{
    public static TheoryData<string, ExporterBuild> Cells
    {
        get
        {
            var cells = new TheoryData<string, ExporterBuild>();
            foreach (var name in ValuesMatrix.Cells.Select(c => c.Name))
            {
                foreach (var build in Enum.GetValues<ExporterBuild>())
                {
                    cells.Add(name, build);
                }
            }

            return cells;
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task RenderedPod_InEveryCell_PassesTheExportersCheckConfig(string name, ExporterBuild build)
    {
        var cell = ValuesMatrix.Cell(name);
        var chart = await RenderedChart.RenderAsync(cell.Values, cell.KubeVersion);
        var root = Directory.CreateTempSubdirectory("clientvpn-chart-check-");
        File.SetUnixFileMode(root.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
        using var certificates = TestCertificates.Issue($"{chart.Single("Service")["metadata"]!["name"]}.{RenderedChart.Namespace}.svc");
        try
        {
            var pod = new ChartPod(chart, root.FullName, ChartStartedExporterTests.ClusterSecrets(certificates), build);
            await pod.LayOutAsync();
            using var exporter = pod.Start(ChartStartedExporterTests.PodIdentityEnvironment, ClientVpnExporter.Program.CheckConfigSwitch);

            await Poll.UntilAsync(() => Task.FromResult(exporter.HasExited && exporter.RecentOutput.Length > 0), TimeSpan.FromSeconds(60), "--check-config to finish", () => exporter.RecentOutput);

            ChartReport.Write(output, $"chart check {name,-30} {build} exporter --check-config: {exporter.RecentOutput.Trim().Split('\n')[0]}");
            Assert.Equal("configuration is valid", exporter.RecentOutput.Trim());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
