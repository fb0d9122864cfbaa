using System.Runtime.InteropServices;

namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>
/// Where each <see cref="ExporterBuild"/> is: a folder with the <c>clientvpn-exporter</c> binary and its settings file.
/// The AOT binary is the folder named by <see cref="AotVariable"/> (.ci/run publishes it there); without the variable it
/// is published once per test run into a scratch folder, as <c>dotnet publish src/ClientVpnExporter -c Release -r RID</c>,
/// so that a test never runs against a binary older than the source.
/// </summary>
internal static class ExporterBinaries
{
    public const string AotVariable = "CLIENTVPN_EXPORTER_AOT";

    public const string Binary = "clientvpn-exporter";

    private static readonly Lazy<Task<string>> PublishedAot = new(PublishAotAsync);

    public static TheoryData<ExporterBuild> Builds => [ExporterBuild.Jit, ExporterBuild.Aot];

    /// <summary>The folder of <paramref name="build"/>, checked to hold that form of the binary.</summary>
    public static async Task<string> FolderAsync(ExporterBuild build)
    {
        var folder = build == ExporterBuild.Jit ? JitOutput() : Environment.GetEnvironmentVariable(AotVariable) is { Length: > 0 } given ? given : await PublishedAot.Value;
        Assert.True(File.Exists(Path.Combine(folder, Binary)), $"the {build} build has no {Binary} in {folder}");
        // The JIT apphost loads clientvpn-exporter.dll beside it; the native binary has no assembly to load.
        Assert.True(
            File.Exists(Path.Combine(folder, Binary + ".dll")) == (build == ExporterBuild.Jit),
            $"{folder} is not the {build} build: {Binary}.dll is {(build == ExporterBuild.Jit ? "missing" : "there")}");
        return folder;
    }

    /// <summary>
    /// What the base image gives the process besides the binary: for the JIT build the .NET runtime (the one this test
    /// runs on), which the AOT build's runtime-deps image does not have.
    /// </summary>
    public static void AddRuntime(ExporterBuild build, IDictionary<string, string?> environment)
    {
        if (build == ExporterBuild.Jit)
        {
            // The shared framework this test runs on: .../dotnet/shared/Microsoft.NETCore.App/<version>/.
            environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        }
    }

    private static string JitOutput()
    {
        // This test's own output folder is .../bin/<Configuration>/<framework>/; the exporter's is the same under src/.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(RepositoryPaths.Root, "src", "ClientVpnExporter", "bin", framework.Parent!.Name, framework.Name);
    }

    private static async Task<string> PublishAotAsync()
    {
        var output = Directory.CreateTempSubdirectory("clientvpn-aot-").FullName;
        var rid = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "linux-x64",
            Architecture.Arm64 => "linux-arm64",
            var other => throw new PlatformNotSupportedException(other.ToString()),
        };
        var publish = await ExternalTool.RunAsync(
            "dotnet",
            ["publish", Path.Combine(RepositoryPaths.Root, "src", "ClientVpnExporter"), "-c", "Release", "-r", rid, "-o", output],
            RepositoryPaths.Root,
            TimeSpan.FromMinutes(20),
            // No build servers outliving the publish: they would hold the output pipes open.
            new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["UseSharedCompilation"] = "false", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0" });
        Assert.True(publish.ExitCode == 0, $"dotnet publish of the AOT binary failed ({AotVariable} is not set, so the tests publish it):\n{publish.Output}");
        return output;
    }
}
