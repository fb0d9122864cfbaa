using BenchmarkDotNet.Attributes;
using ClientVpnExporter.Exposition;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// The rest of a poll after the last page, for the whole fleet (10 endpoints, about 200,000 listed connections):
/// building the view (every ledger takes its listing), and what publishing it costs: the rendering itself is free,
/// its gzip variant of the fleet part is made once, by the first gzip scrape after the publish.
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
        this.publisher.Publish(this.state.Snapshot);
    }

    [Benchmark(Description = "build the fleet snapshot (10 ledgers)")]
    public int BuildSnapshot() => FleetState.ApplyAll(FleetData.Instance, this.state!.Ledgers, FleetState.Now).Endpoints.Count;

    [Benchmark(Description = "FleetPublisher.Publish, then the gzip fleet part once")]
    public int PublishAndCompress()
    {
        this.publisher!.Publish(this.state!.Snapshot);
        return this.publisher.Current.Gzip(ExpositionFormat.PrometheusText).Length;
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
