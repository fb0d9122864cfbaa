using System.Diagnostics;
using System.Text;

namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>The output of a tool run to completion: exit code and stdout and stderr interleaved, or stdout alone with stderr in <paramref name="Errors"/>.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Errors = "");

/// <summary>
/// Finds and runs the real tools the bundle is proven with (promtool, prometheus, alertmanager, dotnet).
/// A missing tool fails the test with the package that provides it; it never skips.
/// </summary>
internal static class ExternalTool
{
    public static string Promtool => Find("promtool", "prometheus");

    public static string Prometheus => Find("prometheus", "prometheus");

    // Debian installs Alertmanager as prometheus-alertmanager; upstream tarballs call it alertmanager.
    public static string Alertmanager => Find(["prometheus-alertmanager", "alertmanager"], "prometheus-alertmanager");

    public static string Find(string name, string debianPackage) => Find([name], debianPackage);

    public static string Find(string[] names, string debianPackage)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in names)
        {
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        Assert.Fail($"{string.Join(" or ", names)} is not on PATH; install it with: apt-get install {debianPackage} (.ci/run does).");
        return "";
    }

    /// <summary>Runs a tool to completion, killing it (and failing) when it outlives <paramref name="timeout"/>.</summary>
    public static Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = new StringBuilder();
        return RunAsync(fileName, arguments, workingDirectory, timeout, environment, output, output);
    }

    /// <summary>As <see cref="RunAsync(string, IEnumerable{string}, string?, TimeSpan, IReadOnlyDictionary{string, string}?)"/>, with stdout as the result's output and stderr apart in its errors.</summary>
    public static Task<ToolResult> RunStdoutAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout) =>
        RunAsync(fileName, arguments, null, timeout, null, new StringBuilder(), new StringBuilder());

    private static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment,
        StringBuilder output,
        StringBuilder errors)
    {
        var info = StartInfo(fileName, arguments, workingDirectory, environment?.ToDictionary(e => e.Key, e => (string?)e.Value), clearEnvironment: false);

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"{Path.GetFileName(fileName)} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}:\n{Snapshot(output)}{(ReferenceEquals(errors, output) ? "" : Snapshot(errors))}");
        }

        // The exit event can precede the last asynchronous reads; this waits for them.
        process.WaitForExit();
        return new ToolResult(process.ExitCode, Snapshot(output), ReferenceEquals(errors, output) ? "" : Snapshot(errors));
    }

    /// <summary>How every tool is started: no shell, output captured, the environment extended or replaced.</summary>
    public static ProcessStartInfo StartInfo(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        bool clearEnvironment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (clearEnvironment)
        {
            info.Environment.Clear();
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
