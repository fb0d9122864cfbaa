using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Tests.Otlp;

/// <summary>
/// What the OTLP push's cardinality design (docs/architecture.md, "OTLP push") rests on, verified against the SDK rather
/// than assumed: whether a label set an instrument stops reporting frees its slot, by temporality. They fail
/// if an SDK upgrade changes a fact.
/// </summary>
public class OtlpSdkFacts
{
    private const int Limit = 100;

    [Theory]
    [InlineData(MetricReaderTemporalityPreference.Delta, false)]
    [InlineData(MetricReaderTemporalityPreference.Cumulative, true)]
    [InlineData(MetricReaderTemporalityPreference.LowMemory, true)]
    public void ObservableInstruments_ChurnFarPastTheLimit_OverflowOnlyWhereSlotsAreNeverReclaimed(MetricReaderTemporalityPreference temporality, bool overflows)
    {
        var exported = new List<Metric>();
        using var meter = new Meter("otlp-churn-fact-" + temporality);
        var offset = 0;
        IEnumerable<Measurement<long>> Live() => Enumerable.Range(offset, Limit / 2).Select(n => new Measurement<long>(n, new KeyValuePair<string, object?>("id", n)));
        meter.CreateObservableGauge("gauge", Live);
        meter.CreateObservableCounter("counter", Live);
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = Limit })
            .AddInMemoryExporter(exported, reader => reader.TemporalityPreference = temporality)
            .Build();

        var overflowed = new HashSet<string>(StringComparer.Ordinal);
        var exportedPoints = 0;
        for (var collect = 0; collect < 40; collect++, offset += Limit / 2)
        {
            exportedPoints += Collect(provider, exported, overflowed);
        }

        // 40 collects of 50 new label sets: 2000 label sets through instruments that hold 100.
        Assert.True(exportedPoints > 0);
        Assert.Equal(overflows ? ["counter", "gauge"] : [], overflowed.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The same for a synchronous histogram (the session-duration one): lowmemory aggregates it as delta, so only
    /// cumulative never frees a label set's slot.
    /// </summary>
    [Theory]
    [InlineData(MetricReaderTemporalityPreference.Delta, false)]
    [InlineData(MetricReaderTemporalityPreference.LowMemory, false)]
    [InlineData(MetricReaderTemporalityPreference.Cumulative, true)]
    public void SynchronousHistogram_ChurnFarPastTheLimit_OverflowsOnlyUnderCumulative(MetricReaderTemporalityPreference temporality, bool overflows)
    {
        var exported = new List<Metric>();
        using var meter = new Meter("otlp-histogram-churn-fact-" + temporality);
        var histogram = meter.CreateHistogram<double>("histogram");
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddView(_ => new ExplicitBucketHistogramConfiguration { Boundaries = [60, 3600], CardinalityLimit = Limit })
            .AddInMemoryExporter(exported, reader => reader.TemporalityPreference = temporality)
            .Build();

        var overflowed = new HashSet<string>(StringComparer.Ordinal);
        var exportedPoints = 0;
        for (var collect = 0; collect < 40; collect++)
        {
            foreach (var n in Enumerable.Range(collect * Limit / 2, Limit / 2))
            {
                histogram.Record(n, new KeyValuePair<string, object?>("id", n));
            }

            exportedPoints += Collect(provider, exported, overflowed);
        }

        Assert.True(exportedPoints > 0);
        Assert.Equal(overflows ? ["histogram"] : [], overflowed);
    }

    /// <summary>Collects once; adds the names of the metrics with an overflow point to <paramref name="overflowed"/>, returns how many points were exported.</summary>
    private static int Collect(MeterProvider provider, List<Metric> exported, HashSet<string> overflowed)
    {
        exported.Clear();
        provider.ForceFlush();
        var points = 0;
        foreach (var metric in exported)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points++;
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == OtlpPoints.OverflowAttribute)
                    {
                        overflowed.Add(metric.Name);
                    }
                }
            }
        }

        return points;
    }
}
