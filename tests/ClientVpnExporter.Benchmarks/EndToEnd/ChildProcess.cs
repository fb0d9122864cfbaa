using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>
/// A program started as a process of its own (<c>dotnet app.dll …</c> or a native binary), so its memory and CPU are its own.
/// Disposing kills it with its whole tree. Every child still alive is also killed when the benchmark exits,
/// is interrupted (Ctrl+C, SIGTERM, SIGHUP) or fails; only SIGKILL of the benchmark itself can leave one behind.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly ConcurrentDictionary<ChildProcess, bool> Live = new();
    private static readonly List<PosixSignalRegistration> Signals = [];
    private static int CleanupInstalled;

    private readonly Process process;
    private readonly StringBuilder output = new();

    private ChildProcess(Process process, string name)
    {
        this.process = process;
        this.Name = name;
    }

    public string Name { get; }

    public int Id => this.process.Id;

    public bool HasExited => this.process.HasExited;

    /// <summary>The last lines the process printed, for error messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (this.output)
            {
                var text = this.output.ToString();
                return text.Length <= 4000 ? text : "…" + text[^4000..];
            }
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="assembly"/> <paramref name="arguments"/></c>.</summary>
    public static ChildProcess StartDotnet(string name, string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        Start(name, "dotnet", Path.GetDirectoryName(assembly)!, [assembly, .. arguments], environment);

    /// <summary>Starts the native program <paramref name="executable"/> in its own folder.</summary>
    public static ChildProcess Start(string name, string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        Start(name, executable, Path.GetDirectoryName(executable)!, arguments, environment);

    private static ChildProcess Start(string name, string fileName, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        InstallCleanup();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        Live[child] = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public void Dispose()
    {
        if (!Live.TryRemove(this, out _))
        {
            return;
        }

        try
        {
            if (!this.process.HasExited)
            {
                this.process.Kill(entireProcessTree: true);
                this.process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            this.process.Dispose();
        }
    }

    private static void InstallCleanup()
    {
        if (Interlocked.Exchange(ref CleanupInstalled, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            Signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                KillAll();
                Console.Error.WriteLine($"Interrupted ({context.Signal}); the simulator and exporter were stopped.");
            }));
        }
    }

    private static void KillAll()
    {
        foreach (var child in Live.Keys)
        {
            child.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (this.output)
        {
            this.output.AppendLine(line);
            if (this.output.Length > 64_000)
            {
                this.output.Remove(0, this.output.Length - 16_000);
            }
        }
    }
}
