using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Tests.Exposition;

/// <summary>
/// The OpenTelemetry SDK's behaviour that the exposition design rests on (docs/architecture.md, decision O5): why the
/// fleet families are written from the ledger rather than through instruments. They fail if an SDK upgrade changes a fact.
/// </summary>
public class OpenTelemetryFacts
{
    private const string Overflow = "otel.metric.overflow";

    [Fact]
    public void ObservableGauge_CumulativeChurnPastTheLimit_Overflows()
    {
        // A label set an observable instrument stops reporting is left out of the export, but its slot is never freed.
        var exported = new List<Metric>();
        using var meter = new Meter("churn-control");
        var offset = 0;
        meter.CreateObservableGauge("plain", () => Enumerable.Range(offset, 500).Select(n => new Measurement<long>(1, new KeyValuePair<string, object?>("id", n))));
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter("churn-control")
            .AddInMemoryExporter(exported, reader => reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative)
            .Build();

        var overflowed = false;
        for (var poll = 0; poll < 10 && !overflowed; poll++, offset += 500)
        {
            exported.Clear();
            provider.ForceFlush();
            foreach (ref readonly var point in exported.Single().GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    overflowed |= tag.Key == Overflow;
                }
            }
        }

        Assert.True(overflowed);
    }

    [Fact]
    public void Histogram_LabelSetNoLongerRecorded_IsStillExported()
    {
        // A synchronous histogram carries every cumulative point forward: a deleted endpoint's buckets would stay.
        var exported = new List<Metric>();
        using var meter = new Meter("histogram-control");
        var histogram = meter.CreateHistogram<double>("durations");
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter("histogram-control")
            .AddInMemoryExporter(exported, reader => reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative)
            .Build();

        histogram.Record(60, new KeyValuePair<string, object?>("endpoint_id", "gone"));
        provider.ForceFlush();
        for (var collect = 0; collect < 3; collect++)
        {
            histogram.Record(60, new KeyValuePair<string, object?>("endpoint_id", "live"));
            exported.Clear();
            provider.ForceFlush();
        }

        var endpoints = new List<string>();
        foreach (ref readonly var point in exported.Single().GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                endpoints.Add((string)tag.Value!);
            }
        }

        Assert.Equal(["gone", "live"], endpoints.Order(StringComparer.Ordinal));
    }
}
