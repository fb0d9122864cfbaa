using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClientVpnExporter.Tests.Hosting;

/// <summary>The built exporter as a real process: SIGTERM (what Kubernetes and systemd send) stops it cleanly and quickly.</summary>
public class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_WhenReady_ExitsWithCodeZeroWithinFiveSeconds()
    {
        var port = FreePort();
        var output = new StringBuilder();
        using var exporter = StartExporter(output, "--demo", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            await WaitForAsync(exporter, port, "/readyz", output);

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
        var port = FreePort();
        var output = new StringBuilder();
        using var exporter = StartExporter(
            output, "--demo", "--urls", $"http://127.0.0.1:{port}", "--ClientVpn:ApiBudget:RequestsPerSecond=0.1", "--ClientVpn:ApiBudget:Burst=1");
        try
        {
            await WaitForAsync(exporter, port, "/healthz", output);
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
        SendSigterm(exporter.Id);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await exporter.WaitForExitAsync(limit.Token);
        signalled.Stop();

        Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(5), $"The exporter took {signalled.Elapsed} to stop. Output:\n{Snapshot(output)}");
        Assert.True(exporter.ExitCode == 0, $"Exit code {exporter.ExitCode}. Output:\n{Snapshot(output)}");
    }

    private static Process StartExporter(StringBuilder output, params string[] args)
    {
        // The test project references the exporter, so its build output (dll, runtimeconfig) sits next to ours.
        var dll = Path.Combine(AppContext.BaseDirectory, "clientvpn-exporter.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until <paramref name="path"/> answers 200.</summary>
    private static async Task WaitForAsync(Process exporter, int port, string path, StringBuilder output)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(exporter.HasExited, $"The exporter exited early with {(exporter.HasExited ? exporter.ExitCode : 0)}. Output:\n{Snapshot(output)}");
            Assert.True(DateTime.UtcNow < deadline, $"{path} did not answer 200 within 60 s. Output:\n{Snapshot(output)}");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }
    }

    private static void SendSigterm(int pid)
    {
        // Process.Kill sends SIGKILL, which no program can handle; kill(1) sends the SIGTERM a supervisor would.
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
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
