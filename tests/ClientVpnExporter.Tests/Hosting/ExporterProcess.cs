using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ClientVpnExporter.Tests.Security;

namespace ClientVpnExporter.Tests.Hosting;

/// <summary>The built exporter as a real process (<c>dotnet clientvpn-exporter.dll</c>), as an operator starts it.</summary>
internal static class ExporterProcess
{
    /// <summary>The test project references the exporter, so its build output (dll, deps, runtimeconfig) sits next to ours.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "clientvpn-exporter.dll");

    /// <summary>Starts the exporter; its standard output and error are both appended to <paramref name="output"/>.</summary>
    public static Process Start(StringBuilder output, IReadOnlyList<string> args, ProcessSettings? settings = null)
    {
        var process = new Process { StartInfo = StartInfo(args, settings) };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the exporter until it exits (it must within 60 s) and returns what it printed on each stream.</summary>
    public static async Task<ConsoleRun> RunAsync(IReadOnlyList<string> args, ProcessSettings? settings = null)
    {
        using var process = new Process { StartInfo = StartInfo(args, settings) };
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The exporter did not exit within 60 s. Output:\n{await output}\n{await error}");
        }

        return new ConsoleRun(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Installs the exporter into <paramref name="folder"/>: its own files copied (so that the folder is the binary's folder,
    /// AppContext.BaseDirectory), the libraries it loads linked. Returns the installed dll.
    /// </summary>
    public static string Install(ScratchFolder folder)
    {
        foreach (var name in new[] { "clientvpn-exporter.dll", "clientvpn-exporter.deps.json", "clientvpn-exporter.runtimeconfig.json" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, name), folder.PathOf(name));
        }

        foreach (var library in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            var target = folder.PathOf(Path.GetFileName(library));
            if (!File.Exists(target))
            {
                File.CreateSymbolicLink(target, library);
            }
        }

        return folder.PathOf("clientvpn-exporter.dll");
    }

    /// <summary>Waits until <paramref name="path"/> answers 200.</summary>
    public static async Task WaitForAsync(Process exporter, int port, string path, StringBuilder output)
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

    public static void SendSigterm(int pid)
    {
        // Process.Kill sends SIGKILL, which no program can handle; kill(1) sends the SIGTERM a supervisor would.
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> args, ProcessSettings? settings)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = settings?.WorkingDirectory ?? AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(settings?.Dll ?? Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in settings?.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
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
}

/// <summary>How to start the exporter process: which dll, from which folder, with which extra environment variables.</summary>
internal sealed record ProcessSettings(string? Dll = null, string? WorkingDirectory = null, IReadOnlyDictionary<string, string>? Environment = null);
