using System.Diagnostics;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>The output of a tool whose standard output is data: the two streams kept apart.</summary>
internal sealed record SeparateOutput(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// The real tools the chart is proven with: Helm and Node.js with the Kubernetes schema packages, which
/// .ci/run installs from npm into .tools/ and names in HELM and CHART_NODE_MODULES. A missing tool fails the
/// test with how to get it; it never skips.
/// </summary>
internal static class ChartTools
{
    private static readonly string Tools = Path.Combine(RepositoryPaths.Root, ".tools");

    public static string Helm => Existing(Environment.GetEnvironmentVariable("HELM"), Path.Combine(Tools, "helm", "helm"), "Helm");

    public static string NodeModules => Existing(Environment.GetEnvironmentVariable("CHART_NODE_MODULES"), Path.Combine(Tools, "node_modules"), "the npm packages kubernetes-models and @kubernetes-models/prometheus-operator");

    public static string Node => ExternalTool.Find("node", "nodejs");

    public static string ValidatorScript => Path.Combine(RepositoryPaths.Root, "tests", "ClientVpnExporter.EndToEnd.Tests", "Helm", "validate-objects.mjs");

    /// <summary>Runs Helm with <paramref name="arguments"/>; Helm's own warnings stay out of the rendered output.</summary>
    public static Task<SeparateOutput> HelmAsync(params string[] arguments) => RunAsync(Helm, arguments, TimeSpan.FromMinutes(1));

    public static async Task<SeparateOutput> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = ExternalTool.StartInfo(fileName, arguments, RepositoryPaths.Root, null, clearEnvironment: false);
        using var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return new SeparateOutput(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(fileName)} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}.");
            throw;
        }
    }

    private static string Existing(string? configured, string installed, string what)
    {
        var path = string.IsNullOrEmpty(configured) ? installed : configured;
        Assert.True(
            File.Exists(path) || Directory.Exists(path),
            $"{what} not found at {path}: run .ci/run, which installs it from npm into .tools/ (or set HELM and CHART_NODE_MODULES).");
        return path;
    }
}
