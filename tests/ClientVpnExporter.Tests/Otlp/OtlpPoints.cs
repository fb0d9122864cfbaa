using ClientVpnExporter.Tests.Support;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;

namespace ClientVpnExporter.Tests.Otlp;

/// <summary>
/// Decoded OTLP data points as the samples a Prometheus scrape would have (the Collector's prometheus exporter's
/// naming: <c>By</c> adds <c>_bytes</c>, <c>s</c> adds <c>_seconds</c>, a monotonic sum adds <c>_total</c>), so that
/// they compare with <c>/metrics</c> and the ground-truth assertions directly.
/// </summary>
internal static class OtlpPoints
{
    public const string OverflowAttribute = "otel.metric.overflow";

    /// <summary>Every metric of <paramref name="request"/>, with its scope's name.</summary>
    public static IEnumerable<(string Scope, Metric Metric)> Metrics(ExportMetricsServiceRequest request) =>
        request.ResourceMetrics.SelectMany(r => r.ScopeMetrics).SelectMany(s => s.Metrics.Select(m => (s.Scope.Name, m)));

    /// <summary>The samples of one request: gauges, sums and histograms as they were exported (a delta's change, a cumulative total).</summary>
    public static List<Sample> Samples(ExportMetricsServiceRequest request) =>
        [.. Metrics(request).SelectMany(m => SamplesOf(m.Metric))];

    /// <summary>
    /// What a cumulative backend would hold after every request in order: a delta sum's or histogram's changes added up,
    /// a cumulative one's and a gauge's last value.
    /// </summary>
    public static List<Sample> Accumulated(IEnumerable<ExportMetricsServiceRequest> requests)
    {
        var held = new Dictionary<string, Dictionary<string, Sample>>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            foreach (var (_, metric) in Metrics(request))
            {
                var delta = (metric.DataCase == Metric.DataOneofCase.Sum && metric.Sum.AggregationTemporality == AggregationTemporality.Delta)
                    || (metric.DataCase == Metric.DataOneofCase.Histogram && metric.Histogram.AggregationTemporality == AggregationTemporality.Delta);

                // A gauge's or cumulative sum's export is the whole current state: a label set it leaves out is gone.
                var points = held.TryGetValue(metric.Name, out var before) && delta ? before : new Dictionary<string, Sample>(StringComparer.Ordinal);
                foreach (var sample in SamplesOf(metric))
                {
                    var key = sample.Name + "{" + string.Join(',', sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
                    points[key] = points.TryGetValue(key, out var earlier) ? sample with { Value = earlier.Value + sample.Value } : sample;
                }

                held[metric.Name] = points;
            }
        }

        return [.. held.Values.SelectMany(points => points.Values)];
    }

    /// <summary>A copy of <paramref name="request"/> with only the metric <paramref name="name"/>: small enough to keep over many exports.</summary>
    public static ExportMetricsServiceRequest Only(ExportMetricsServiceRequest request, string name)
    {
        var copy = request.Clone();
        foreach (var scope in copy.ResourceMetrics.SelectMany(r => r.ScopeMetrics))
        {
            foreach (var metric in scope.Metrics.Where(m => m.Name != name).ToList())
            {
                scope.Metrics.Remove(metric);
            }
        }

        return copy;
    }

    /// <summary>Whether any data point of <paramref name="request"/> is the SDK's overflow series.</summary>
    public static bool HasOverflow(ExportMetricsServiceRequest request) =>
        Metrics(request).Any(m => Points(m.Metric).Any(p => p.Attributes.Any(a => a.Key == OverflowAttribute))
            || (m.Metric.DataCase == Metric.DataOneofCase.Histogram && m.Metric.Histogram.DataPoints.Any(p => p.Attributes.Any(a => a.Key == OverflowAttribute))));

    /// <summary>The aggregation temporality of every histogram in <paramref name="request"/>.</summary>
    public static IEnumerable<AggregationTemporality> HistogramTemporalities(ExportMetricsServiceRequest request) =>
        Metrics(request).Where(m => m.Metric.DataCase == Metric.DataOneofCase.Histogram).Select(m => m.Metric.Histogram.AggregationTemporality);

    /// <summary>The aggregation temporality of every monotonic sum (counter) in <paramref name="request"/>; up-down sums stay cumulative under every preference.</summary>
    public static IEnumerable<AggregationTemporality> CounterTemporalities(ExportMetricsServiceRequest request) =>
        Metrics(request).Where(m => m.Metric.DataCase == Metric.DataOneofCase.Sum && m.Metric.Sum.IsMonotonic).Select(m => m.Metric.Sum.AggregationTemporality);

    /// <summary>A resource attribute's string value, or null.</summary>
    public static string? ResourceAttribute(ExportMetricsServiceRequest request, string key) =>
        request.ResourceMetrics.Single().Resource.Attributes.SingleOrDefault(a => a.Key == key)?.Value.StringValue;

    private static IEnumerable<Sample> SamplesOf(Metric metric)
    {
        var name = metric.Unit switch
        {
            "By" => metric.Name + "_bytes",
            "s" => metric.Name + "_seconds",
            _ => metric.Name,
        };
        if (metric.DataCase == Metric.DataOneofCase.Sum && metric.Sum.IsMonotonic)
        {
            name += "_total";
        }

        if (metric.DataCase == Metric.DataOneofCase.Histogram)
        {
            return metric.Histogram.DataPoints.SelectMany(point => HistogramSamples(name, point));
        }

        return Points(metric).Select(point => new Sample(
            name,
            point.Attributes.ToDictionary(a => a.Key, a => Text(a.Value), StringComparer.Ordinal),
            point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble));
    }

    /// <summary>
    /// A histogram point as Prometheus has it: the bucket counts made cumulative under <c>le</c> (bounds written as
    /// <c>/metrics</c>' text format writes them, the last bucket <c>+Inf</c>), then <c>_sum</c> and <c>_count</c>.
    /// </summary>
    private static IEnumerable<Sample> HistogramSamples(string name, HistogramDataPoint point)
    {
        var labels = point.Attributes.ToDictionary(a => a.Key, a => Text(a.Value), StringComparer.Ordinal);
        var cumulative = 0UL;
        for (var i = 0; i < point.BucketCounts.Count; i++)
        {
            cumulative += point.BucketCounts[i];
            var le = i < point.ExplicitBounds.Count ? point.ExplicitBounds[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : "+Inf";
            yield return new Sample(name + "_bucket", new Dictionary<string, string>(labels, StringComparer.Ordinal) { ["le"] = le }, cumulative);
        }

        yield return new Sample(name + "_sum", labels, point.Sum);
        yield return new Sample(name + "_count", labels, point.Count);
    }

    private static RepeatedField<NumberDataPoint> Points(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints,
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints,
        _ => [],
    };

    private static string Text(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        _ => value.ToString(),
    };
}
