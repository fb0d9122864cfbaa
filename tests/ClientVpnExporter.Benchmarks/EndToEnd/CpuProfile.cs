using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>
/// A sampling CPU profile of another .NET process through EventPipe (what dotnet-trace's cpu-sampling profile
/// records), and its summary: the managed methods most often on the stack, and most often on top of it.
/// </summary>
internal sealed class CpuProfile : IAsyncDisposable
{
    private const string SampleProfiler = "Microsoft-DotNETCore-SampleProfiler";

    // The sample's payload (an enum, not an int) says where the thread was: 2 is managed code running; waits and native code are 1.
    private const int ManagedSample = 2;

    private readonly EventPipeSession session;
    private readonly Task copy;
    private readonly string path;

    private CpuProfile(EventPipeSession session, string path)
    {
        this.session = session;
        this.path = path;
        this.copy = Task.Run(async () =>
        {
            await using var file = File.Create(path);
            await session.EventStream.CopyToAsync(file);
        });
    }

    public static CpuProfile Start(int pid, string path)
    {
        var providers = new[]
        {
            new EventPipeProvider(SampleProfiler, EventLevel.Informational),
            new EventPipeProvider(
                "Microsoft-Windows-DotNETRuntime",
                EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader | ClrTraceEventParser.Keywords.NGen)),
        };
        return new CpuProfile(new DiagnosticsClient(pid).StartEventPipeSession(providers, requestRundown: true), path);
    }

    /// <summary>Stops recording and summarizes the samples of managed code.</summary>
    public async Task<string> StopAsync(int top)
    {
        await this.session.StopAsync(CancellationToken.None);
        await this.copy;
        return Summarize(this.path, top);
    }

    public async ValueTask DisposeAsync()
    {
        this.session.Dispose();
        try
        {
            await this.copy;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped before StopAsync.
        }
    }

    private static string Summarize(string path, int top)
    {
        var etlx = TraceLog.CreateFromEventPipeDataFile(path);
        var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = 0;
        using (var log = new TraceLog(etlx))
        {
            foreach (var data in log.Events)
            {
                if (data.ProviderName != SampleProfiler || data.PayloadValue(0) is not Enum type || Convert.ToInt32(type, CultureInfo.InvariantCulture) != ManagedSample)
                {
                    continue;
                }

                samples++;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var first = true;
                for (var frame = data.CallStack(); frame is not null; frame = frame.Caller)
                {
                    var method = frame.CodeAddress.FullMethodName;
                    if (string.IsNullOrEmpty(method))
                    {
                        method = $"?!{frame.CodeAddress.ModuleName}";
                    }

                    if (first)
                    {
                        exclusive[method] = exclusive.GetValueOrDefault(method) + 1;
                        first = false;
                    }

                    if (seen.Add(method))
                    {
                        inclusive[method] = inclusive.GetValueOrDefault(method) + 1;
                    }
                }
            }
        }

        File.Delete(etlx);
        var text = new System.Text.StringBuilder();
        text.Append(FormattableString.Invariant($"{samples} samples of managed code running (about one a millisecond per thread)\n"));
        text.Append("most often on the stack (inclusive):\n");
        foreach (var (method, count) in inclusive.Where(m => IsInteresting(m.Key)).OrderByDescending(m => m.Value).Take(top))
        {
            text.Append(FormattableString.Invariant($"  {100.0 * count / Math.Max(1, samples),5:0.0} %  {Shorten(method)}\n"));
        }

        text.Append("most often on top (exclusive):\n");
        foreach (var (method, count) in exclusive.OrderByDescending(m => m.Value).Take(top))
        {
            text.Append(FormattableString.Invariant($"  {100.0 * count / Math.Max(1, samples),5:0.0} %  {Shorten(method)}\n"));
        }

        return text.ToString();
    }

    /// <summary>Frames that say which stage is at work, not the thread pool or async plumbing around them.</summary>
    private static bool IsInteresting(string method) =>
        !method.StartsWith("System.Threading.", StringComparison.Ordinal)
        && !method.StartsWith("System.Runtime.CompilerServices.", StringComparison.Ordinal)
        && !method.StartsWith("?!", StringComparison.Ordinal);

    private static string Shorten(string method)
    {
        var paren = method.IndexOf('(', StringComparison.Ordinal);
        var name = paren > 0 ? method[..paren] : method;
        return name.Length <= 150 ? name : name[..150] + "…";
    }
}
