using BenchmarkDotNet.Attributes;
using ClientVpnExporter.Exposition;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// The rest of a poll after the last page, for the whole fleet (10 endpoints, about 200,000 listed connections):
/// building the view (every ledger takes its listing), and what publishing it costs: with the text format asked for by
/// scrapes, Publish renders the fleet part and compresses it once, before the new rendering is served.
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private FleetState? state;
    private FleetPublisher? publisher;

    [Params(Detail.Default, Detail.PerUser, Detail.PerConnection)]
    public Detail Detail { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        this.state = FleetState.Build(FleetData.Instance, this.Detail);
        this.publisher = new FleetPublisher(Options.Create(DetailSettings.Options(this.Detail)), TimeProvider.System);
        this.publisher.Asked(ExpositionFormat.PrometheusText);
        this.publisher.Publish(this.state.Snapshot);
    }

    [Benchmark(Description = "build the fleet snapshot (10 ledgers)")]
    public int BuildSnapshot() => FleetState.ApplyAll(FleetData.Instance, this.state!.Ledgers, FleetState.Now).Endpoints.Count;

    [Benchmark(Description = "FleetPublisher.Publish, text asked: render and compress once")]
    public long PublishAndCompress()
    {
        this.publisher!.Publish(this.state!.Snapshot);
        return this.publisher.Current.CachedBytes(ExpositionFormat.PrometheusText);
    }

    [Benchmark(Description = "render the fleet part as text")]
    public long RenderText()
    {
        var length = 0L;
        foreach (var chunk in this.publisher!.Current.Chunks(ExpositionFormat.PrometheusText))
        {
            length += chunk.Length;
        }

        return length;
    }
}
