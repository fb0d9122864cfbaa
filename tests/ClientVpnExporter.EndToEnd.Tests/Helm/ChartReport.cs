using ClientVpnExporter.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>
/// The verdict lines CI prints: each to the test's own output (kept in the TRX report) and appended to the
/// file CHART_REPORT names (default artifacts/chart-report.txt), which .ci/run prints after the run, since
/// dotnet test shows a passing test's output only at detailed verbosity.
/// </summary>
internal static class ChartReport
{
    private static readonly Lock FileLock = new();

    private static string File => Environment.GetEnvironmentVariable("CHART_REPORT") is { Length: > 0 } configured
        ? configured
        : Path.Combine(RepositoryPaths.Root, "artifacts", "chart-report.txt");

    public static void Write(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        lock (FileLock)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(File)!);
            System.IO.File.AppendAllText(File, line + Environment.NewLine);
        }
    }
}
