using System.Diagnostics;
using System.Net;
using System.Text;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Hosting;

/// <summary>The built exporter as a real process: SIGTERM (what Kubernetes and systemd send) stops it cleanly and quickly.</summary>
[Collection(SerialTestGroup.Name)]
public class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_WhenReady_ExitsWithCodeZeroWithinFiveSeconds()
    {
        var port = ExporterProcess.FreePort();
        var output = new StringBuilder();
        using var exporter = StartExporter(output, "--demo", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            await ExporterProcess.WaitForAsync(exporter, port, "/readyz", output);

            await AssertStopsCleanlyOnSigtermAsync(exporter, output);
        }
        finally
        {
            if (!exporter.HasExited)
            {
                exporter.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Sigterm_WhileTheFirstPollWaitsOnTheApiBudget_ExitsWithCodeZeroWithinFiveSeconds()
    {
        // One AWS call per 10 s: the first poll is still running (not ready) when the signal comes.
        var port = ExporterProcess.FreePort();
        var output = new StringBuilder();
        using var exporter = StartExporter(
            output, "--demo", "--urls", $"http://127.0.0.1:{port}", "--ClientVpn:ApiBudget:RequestsPerSecond=0.1", "--ClientVpn:ApiBudget:Burst=1");
        try
        {
            await ExporterProcess.WaitForAsync(exporter, port, "/healthz", output);
            using (var http = new HttpClient())
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"))).StatusCode);
            }

            await AssertStopsCleanlyOnSigtermAsync(exporter, output);
        }
        finally
        {
            if (!exporter.HasExited)
            {
                exporter.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task AssertStopsCleanlyOnSigtermAsync(Process exporter, StringBuilder output)
    {
        var signalled = Stopwatch.StartNew();
        ExporterProcess.SendSigterm(exporter.Id);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await exporter.WaitForExitAsync(limit.Token);
        signalled.Stop();

        Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(5), $"The exporter took {signalled.Elapsed} to stop. Output:\n{ExporterProcess.Snapshot(output)}");
        Assert.True(exporter.ExitCode == 0, $"Exit code {exporter.ExitCode}. Output:\n{ExporterProcess.Snapshot(output)}");
    }

    private static Process StartExporter(StringBuilder output, params string[] args) => ExporterProcess.Start(output, args);
}
