using System.Diagnostics;
using System.Text;

namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>
/// A long-running tool (Prometheus, Alertmanager, the published exporter) started for a test. Its output is
/// kept for failure messages; disposing kills it and everything it started, always.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ChildProcess(Process process, string name)
    {
        this.process = process;
        this.Name = name;
    }

    public string Name { get; }

    public bool HasExited => this.process.HasExited;

    public int Id => this.process.Id;

    /// <summary>The last lines the process printed, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (this.output)
            {
                var text = this.output.ToString();
                return text.Length <= 8000 ? text : "…" + text[^8000..];
            }
        }
    }

    /// <summary>Starts a process; with <paramref name="clearEnvironment"/> it gets only <paramref name="environment"/>.</summary>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool clearEnvironment = false)
    {
        var info = ExternalTool.StartInfo(fileName, arguments, workingDirectory, environment, clearEnvironment);
        info.RedirectStandardInput = true;
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, Path.GetFileName(fileName));
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public void Dispose()
    {
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (this.output)
        {
            this.output.AppendLine(line);
        }
    }
}
