using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Builds;

/// <summary>
/// Each form of the exporter (<see cref="ExporterBuild"/>) started from its folder as an operator starts it: the demo
/// becomes ready and a live scrape passes promtool's check, and configurations it cannot use stop it with exit code 1
/// and one line a problem, never a stack trace. The AOT cases prove that nothing the binary needs was trimmed away.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class ExporterProcessTests
{
    public static TheoryData<ExporterBuild> Builds => ExporterBinaries.Builds;

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task Demo_BecomesReady_AndALiveScrapePassesPromtoolCheckMetrics(ExporterBuild build)
    {
        var promtool = ExternalTool.Promtool;
        var folder = await ExporterBinaries.FolderAsync(build);
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>();
        ExporterBinaries.AddRuntime(build, environment);
        using var exporter = ChildProcess.Start(Path.Combine(folder, ExporterBinaries.Binary), ["--demo", "--urls", $"http://127.0.0.1:{port}"], folder, environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };

        await Poll.UntilAsync(
            async () =>
            {
                Assert.False(exporter.HasExited, "the exporter exited:\n" + exporter.RecentOutput);
                return (await http.GetAsync("readyz")).IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(60),
            $"the {build} demo to be ready",
            () => exporter.RecentOutput);
        var scrape = Path.Combine(Directory.CreateTempSubdirectory("clientvpn-scrape-").FullName, "metrics.txt");
        await File.WriteAllTextAsync(scrape, await http.GetStringAsync("metrics"));
        var check = await ExternalTool.RunAsync("/bin/sh", ["-c", $"\"{promtool}\" check metrics < \"{scrape}\""], null, TimeSpan.FromSeconds(30));
        var text = await File.ReadAllTextAsync(scrape);
        Directory.Delete(Path.GetDirectoryName(scrape)!, recursive: true);

        Assert.True(check.ExitCode == 0 && check.Output.Trim().Length == 0, $"promtool check metrics exited {check.ExitCode}:\n{check.Output}");
        Assert.Matches(ConnectionsSample(), text);
        Assert.Contains("clientvpn_exporter_build_info{", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExporterBuild.Jit, "--ClientVpn:PollIntervall=00:00:10", "unknown flag --ClientVpn:PollIntervall; did you mean --ClientVpn:PollInterval?")]
    [InlineData(ExporterBuild.Aot, "--ClientVpn:PollIntervall=00:00:10", "unknown flag --ClientVpn:PollIntervall; did you mean --ClientVpn:PollInterval?")]
    [InlineData(ExporterBuild.Jit, "--ClientVpn:Privacy:ClientIp=Hash, Drop", "--ClientVpn:Privacy:ClientIp must be one of Keep, Hash, Drop or Prefix (got 'Hash, Drop').")]
    [InlineData(ExporterBuild.Aot, "--ClientVpn:Privacy:ClientIp=Hash, Drop", "--ClientVpn:Privacy:ClientIp must be one of Keep, Hash, Drop or Prefix (got 'Hash, Drop').")]
    [InlineData(ExporterBuild.Jit, "--ClientVpn:PerUserMetrics=maybe", "Failed to convert configuration value 'maybe' at 'ClientVpn:PerUserMetrics' to type 'System.Boolean'.")]
    [InlineData(ExporterBuild.Aot, "--ClientVpn:PerUserMetrics=maybe", "Failed to convert configuration value 'maybe' at 'ClientVpn:PerUserMetrics' to type 'System.Boolean'.")]
    public async Task Start_BadConfiguration_ExitsOneWithOneLineNamingTheSetting(ExporterBuild build, string argument, string expected)
    {
        var run = await RunAsync(build, "--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1", argument);

        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        Assert.Equal(expected, run.Output.Trim());
        Assert.Equal(1, run.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task CheckConfig_InvalidSettingAndBrokenWebConfig_ListsBothInRegistrationOrderAndExitsOne(ExporterBuild build)
    {
        var scratch = Directory.CreateTempSubdirectory("clientvpn-web-");
        try
        {
            var webConfig = Path.Combine(scratch.FullName, "web-config.yml");
            await File.WriteAllTextAsync(webConfig, "basic_auth_users:\n  prometheus: secret\n");

            var run = await RunAsync(
                build, ClientVpnExporter.Program.CheckConfigSwitch, "--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1", "--ClientVpn:PageSize=2000", $"--Web:ConfigFile={webConfig}");

            var lines = run.Output.Trim().Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith($"Web:ConfigFile '{webConfig}': basic_auth_users.prometheus must be a bcrypt hash", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("ClientVpn:PageSize must be between 5 and 1000 (got 2000)", lines[1], StringComparison.Ordinal);
            Assert.Equal(1, run.ExitCode);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static async Task<ToolResult> RunAsync(ExporterBuild build, params string[] arguments)
    {
        var folder = await ExporterBinaries.FolderAsync(build);
        var environment = new Dictionary<string, string?>();
        ExporterBinaries.AddRuntime(build, environment);
        return await ExternalTool.RunAsync(
            Path.Combine(folder, ExporterBinaries.Binary), arguments, folder, TimeSpan.FromSeconds(60), environment.ToDictionary(e => e.Key, e => e.Value!));
    }

    [GeneratedRegex(@"(?m)^clientvpn_connections\{")]
    private static partial Regex ConnectionsSample();
}
