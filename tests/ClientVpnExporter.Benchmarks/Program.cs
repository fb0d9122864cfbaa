using ClientVpnExporter.Benchmarks.EndToEnd;
using ClientVpnExporter.Benchmarks.Footprint;
using ClientVpnExporter.Benchmarks.Micro;

namespace ClientVpnExporter.Benchmarks;

/// <summary>
/// <c>micro [BenchmarkDotNet options]</c> runs the hot-path micro-benchmarks; <c>scrape-cost</c> prints the scrape path's
/// CPU time and allocation per operation; <c>e2e [options]</c> runs the simulator and the exporter as processes and
/// prints the results table; <c>memory</c> prints the managed bytes per listed connection of the ledgers, a listing and
/// the readings. Run it in Release (see docs/performance.md).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args.FirstOrDefault())
        {
            case "micro":
                return MicroCommand.Run(args[1..]);
            case "scrape-cost":
                return await ScrapeCostCommand.RunAsync(args[1..]);
            case "e2e":
                return await E2eCommand.RunAsync(args[1..]);
            case "memory":
                return LedgerMemoryCommand.Run(Console.Out);
            default:
                Console.Error.WriteLine("usage: ClientVpnExporter.Benchmarks micro [BenchmarkDotNet options] | scrape-cost [--detail D]... | e2e [options] (e2e --help lists them) | memory");
                return 2;
        }
    }
}
