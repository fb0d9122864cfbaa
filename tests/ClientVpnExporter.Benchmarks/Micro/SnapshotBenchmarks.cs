using BenchmarkDotNet.Attributes;
using ClientVpnExporter.Exposition;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// The rest of a poll after the last page, for the whole fleet (10 endpoints, about 200,000 listed connections):
/// building the snapshot (every ledger takes its listing) and publishing it (each series counts its label sets
/// against its instrument generation's cardinality limit).
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks : IDisposable
{
    private FleetState? state;
    private ServiceProvider? services;
    private ClientVpnMetrics? metrics;

    [Params(Detail.Default, Detail.PerUser, Detail.PerConnection)]
    public Detail Detail { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        this.state = FleetState.Build(FleetData.Instance, this.Detail);
        this.services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        this.metrics = new ClientVpnMetrics(
            this.services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            new CardinalityPlan());
        this.metrics.Publish(this.state.Snapshot);
    }

    [Benchmark(Description = "build the fleet snapshot (10 ledgers)")]
    public int BuildSnapshot() => FleetState.ApplyAll(FleetData.Instance, this.state!.Ledgers, FleetState.Now).Endpoints.Count;

    [Benchmark(Description = "ClientVpnMetrics.Publish: the fleet")]
    public long Publish()
    {
        this.metrics!.Publish(this.state!.Snapshot);
        return this.metrics.Generations;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        this.metrics?.Dispose();
        this.services?.Dispose();
        this.metrics = null;
        this.services = null;
        GC.SuppressFinalize(this);
    }
}
