using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// <c>micro [BenchmarkDotNet arguments]</c>: the hot-path benchmarks with a short job, in this process (the fleet
/// data is read from the simulator once and shared), with allocations measured. Without <c>--filter</c>, all run.
/// </summary>
internal static class MicroCommand
{
    public static int Run(string[] args)
    {
        var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary);
        var benchmarkArgs = args.Contains("--filter", StringComparer.Ordinal) ? args : [.. args, "--filter", "*"];
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroCommand).Assembly).Run(benchmarkArgs, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
