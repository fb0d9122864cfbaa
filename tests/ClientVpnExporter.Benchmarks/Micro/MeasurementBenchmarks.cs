using BenchmarkDotNet.Attributes;
using ClientVpnExporter.Labels;
using ClientVpnExporter.Metrics;
using ClientVpnExporter.State;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// What the observable instruments' callbacks produce on each scrape for the whole fleet: every series definition
/// writing its measurements from the snapshot. The OpenTelemetry SDK then aggregates them and the Prometheus
/// exporter serializes them (<see cref="ScrapeBenchmarks"/> times all of it).
/// </summary>
[MemoryDiagnoser]
public class MeasurementBenchmarks
{
    private IReadOnlyList<SeriesDefinition> definitions = [];
    private FleetSnapshot snapshot = FleetSnapshot.Empty;

    [Params(Detail.Default, Detail.PerUser, Detail.PerConnection)]
    public Detail Detail { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = DetailSettings.Options(this.Detail);
        this.definitions = FleetSeriesCatalog.Build(options.PerUserMetrics, options.PerConnectionMetrics, new PrivateLabels(options.Privacy));
        this.snapshot = FleetState.Build(FleetData.Instance, this.Detail).Snapshot;
    }

    [Benchmark(Description = "every series writes its measurements")]
    public int WriteMeasurements()
    {
        var measurements = 0;
        foreach (var definition in this.definitions)
        {
            var sink = new MeasurementSink();
            definition.Write(this.snapshot, sink);
            measurements += sink.Longs.Count + sink.Doubles.Count;
        }

        return measurements;
    }
}
