using BenchmarkDotNet.Attributes;
using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// What each scrape reads from the snapshot for the whole fleet: every endpoint-level series definition (the
/// observable instruments' callbacks) and every detail family writing its samples. The OpenTelemetry SDK then
/// aggregates the former and serializes them, the detail is written as text (<see cref="ScrapeBenchmarks"/> times all of it).
/// </summary>
[MemoryDiagnoser]
public class MeasurementBenchmarks
{
    private IReadOnlyList<SeriesDefinition> definitions = [];
    private IReadOnlyList<DetailFamily> families = [];
    private FleetView snapshot = FleetView.Empty;

    [Params(Detail.Default, Detail.PerUser, Detail.PerConnection)]
    public Detail Detail { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = DetailSettings.Options(this.Detail);
        this.definitions = FleetSeriesCatalog.Build();
        this.families = DetailSeriesCatalog.Build(options.PerUserMetrics, options.PerConnectionMetrics, new PrivateLabels(options.Privacy));
        this.snapshot = FleetState.Build(FleetData.Instance, this.Detail).Snapshot;
    }

    [Benchmark(Description = "every series and detail family writes its samples")]
    public int WriteMeasurements()
    {
        var measurements = 0;
        foreach (var definition in this.definitions)
        {
            var sink = new MeasurementSink();
            definition.Write(this.snapshot, sink);
            measurements += sink.Longs.Count + sink.Doubles.Count;
        }

        foreach (var family in this.families)
        {
            var sink = new MeasurementSink();
            foreach (var (endpointId, reading) in family.ReadingsIn(this.snapshot))
            {
                family.Write(endpointId, reading, sink);
            }

            measurements += sink.Longs.Count + sink.Doubles.Count;
        }

        return measurements;
    }
}
