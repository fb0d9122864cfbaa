using System.Diagnostics.Metrics;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Tests.Support;

/// <summary>
/// <see cref="ClientVpnMetrics"/> wired to an OpenTelemetry MeterProvider with the in-memory exporter and
/// cumulative temporality, as the Prometheus exporter uses it; and the detail families of
/// <see cref="DetailExposition"/>, read from the same snapshot.
/// </summary>
internal sealed class InMemoryMetrics : IDisposable
{
    private readonly List<Metric> exported = [];
    private readonly MeterProvider provider;
    private readonly ServiceProvider services;

    public InMemoryMetrics(ExporterOptions? options = null)
    {
        var plan = new CardinalityPlan();
        this.services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        this.provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ExporterMeter.Name)
            .AddView(plan.ConfigurationFor)
            .AddInMemoryExporter(this.exported, reader => reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative)
            .Build();
        this.Metrics = new ClientVpnMetrics(this.services.GetRequiredService<IMeterFactory>(), plan);
        this.Detail = new DetailExposition(Options.Create(options ?? new ExporterOptions()));
    }

    public ClientVpnMetrics Metrics { get; }

    public DetailExposition Detail { get; }

    /// <summary>Collects once and returns every point as (metric name, tags, value); detail families by their base name.</summary>
    public List<(string Name, Dictionary<string, string> Tags, double Value)> Collect()
    {
        this.exported.Clear();
        this.provider.ForceFlush();
        var points = new List<(string, Dictionary<string, string>, double)>();
        foreach (var metric in this.exported)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, string>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value?.ToString() ?? "";
                }

                double value = metric.MetricType switch
                {
                    MetricType.LongGauge => point.GetGaugeLastValueLong(),
                    MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                    MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                    MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                    MetricType.Histogram => point.GetHistogramCount(),
                    _ => double.NaN,
                };
                points.Add((metric.Name, tags, value));
            }
        }

        var snapshot = this.Metrics.Snapshot;
        foreach (var family in this.Detail.Families)
        {
            var sink = new MeasurementSink();
            foreach (var (endpointId, reading) in family.ReadingsIn(snapshot))
            {
                family.Write(endpointId, reading, sink);
            }

            points.AddRange(sink.Longs.Select(m => (family.Name, TagsOf(m.Tags), (double)m.Value)));
            points.AddRange(sink.Doubles.Select(m => (family.Name, TagsOf(m.Tags), m.Value)));
        }

        return points;
    }

    private static Dictionary<string, string> TagsOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, string>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value?.ToString() ?? "";
        }

        return result;
    }

    public void Dispose()
    {
        this.Metrics.Dispose();
        this.provider.Dispose();
        this.services.Dispose();
    }
}
