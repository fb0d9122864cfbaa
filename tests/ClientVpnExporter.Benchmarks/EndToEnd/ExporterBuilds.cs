using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>
/// Where each <see cref="ExporterBuild"/> is and how it is started. The JIT build is the exporter project's Release
/// output, run as <c>dotnet clientvpn-exporter.dll</c>; the AOT build is the <c>clientvpn-exporter</c> native binary in
/// a published folder (<c>--aot DIR</c>, else <see cref="AotVariable"/> as .ci/run sets it, else artifacts/aot),
/// published there first when asked (<c>--publish-aot</c>).
/// </summary>
internal static class ExporterBuilds
{
    /// <summary>The variable .ci/run sets to the folder it published the AOT binary to; the e2e tests read it too.</summary>
    public const string AotVariable = "CLIENTVPN_EXPORTER_AOT";

    private const string Binary = "clientvpn-exporter";

    /// <summary>The AOT folder the options name, else the one .ci/run published, else artifacts/aot.</summary>
    public static string AotFolder(E2eOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(options.AotFolder
            ?? (Environment.GetEnvironmentVariable(AotVariable) is { Length: > 0 } given ? given : Path.Combine(BuiltTools.RepositoryRoot, "artifacts", "aot")));
    }

    /// <summary>
    /// Publishes the AOT binary when asked, then checks that every build to run is there: a missing or wrong-kind
    /// build is one line on <paramref name="errors"/> and false.
    /// </summary>
    public static async Task<bool> PrepareAsync(E2eOptions options, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (!options.Builds.Contains(ExporterBuild.Aot))
        {
            return true;
        }

        var folder = AotFolder(options);
        if (options.PublishAot && !await PublishAsync(folder, errors, cancellationToken))
        {
            return false;
        }

        if (!File.Exists(Path.Combine(folder, Binary)) || File.Exists(Path.Combine(folder, Binary + ".dll")))
        {
            errors.WriteLine($"{folder} holds no Native AOT {Binary}: publish it with --publish-aot, name its folder with --aot DIR or {AotVariable}, or run --builds jit.");
            return false;
        }

        return true;
    }

    /// <summary>What <paramref name="build"/> is, for the report: the binary, its size and when it was published.</summary>
    public static string Describe(ExporterBuild build, E2eOptions options)
    {
        if (build == ExporterBuild.Jit)
        {
            return $"JIT: {BuiltTools.Exporter} on the shared .NET runtime";
        }

        var binary = new FileInfo(Path.Combine(AotFolder(options), Binary));
        return FormattableString.Invariant($"AOT: {binary.FullName}, {binary.Length / 1e6:0.0} MB, published {binary.LastWriteTimeUtc:yyyy-MM-dd HH:mm} UTC");
    }

    /// <summary>Starts <paramref name="build"/> with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(ExporterBuild build, E2eOptions options, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        build == ExporterBuild.Jit
            ? ChildProcess.StartDotnet("exporter", BuiltTools.Exporter, arguments, environment)
            : ChildProcess.Start("exporter (AOT)", Path.Combine(AotFolder(options), Binary), arguments, environment);

    private static async Task<bool> PublishAsync(string folder, TextWriter errors, CancellationToken cancellationToken)
    {
        var rid = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "linux-x64",
            Architecture.Arm64 => "linux-arm64",
            var other => throw new PlatformNotSupportedException(other.ToString()),
        };
        errors.WriteLine($"Publishing the Native AOT binary to {folder} (a few minutes) ...");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", Path.Combine(BuiltTools.RepositoryRoot, "src", "ClientVpnExporter"), "-c", "Release", "-r", rid, "-o", folder })
        {
            info.ArgumentList.Add(argument);
        }

        // No build servers outliving the publish: they would hold its output pipes open.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var publish = Process.Start(info)!;
        var output = publish.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = publish.StandardError.ReadToEndAsync(cancellationToken);
        await publish.WaitForExitAsync(cancellationToken);
        if (publish.ExitCode == 0)
        {
            return true;
        }

        errors.WriteLine($"dotnet publish of the Native AOT binary failed (exit code {publish.ExitCode}):\n{await output}{await error}");
        return false;
    }
}
