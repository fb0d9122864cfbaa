using System.Diagnostics.Metrics;
using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Otlp;

/// <summary>
/// Collects the samples a <see cref="MetricFamily"/> writes for the endpoints of one view, as the measurements an
/// observable instrument reports, each once under its label values' key (for <see cref="SeriesGuard"/>).
/// </summary>
internal sealed class MeasurementCollector : ISampleWriter
{
    private readonly List<Sample> samples = [];

    public void Add(long value, ReadOnlySpan<KeyValuePair<string, string>> labels) => this.Keep(value, value, labels);

    public void Add(double value, ReadOnlySpan<KeyValuePair<string, string>> labels) => this.Keep((long)value, value, labels);

    // Traffic totals are unsigned at the source; OpenTelemetry's counters are signed, and no total reaches 2^63 bytes.
    public void Add(ulong value, ReadOnlySpan<KeyValuePair<string, string>> labels) => this.Keep((long)Math.Min(value, long.MaxValue), value, labels);

    /// <summary>.NET has no observable histogram: <see cref="SessionDurationPush"/> pushes the histogram family (docs/architecture.md, "OTLP push").</summary>
    public void Add(IReadOnlyList<long> bucketCounts, double sum, long count, ReadOnlySpan<KeyValuePair<string, string>> labels) =>
        throw new NotSupportedException("Histogram families are not observable instruments.");

    /// <summary>The samples admitted by <paramref name="guard"/>, as long measurements.</summary>
    public List<Measurement<long>> Longs(SeriesGuard guard) => this.Admitted(guard, static sample => sample.Long);

    /// <summary>The samples admitted by <paramref name="guard"/>, as double measurements.</summary>
    public List<Measurement<double>> Doubles(SeriesGuard guard) => this.Admitted(guard, static sample => sample.Double);

    private List<Measurement<T>> Admitted<T>(SeriesGuard guard, Func<Sample, T> value)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(guard);
        var admitted = new List<Measurement<T>>(this.samples.Count);
        foreach (var sample in this.samples)
        {
            if (guard.Admit(sample.Key))
            {
                admitted.Add(new Measurement<T>(value(sample), sample.Tags));
            }
        }

        guard.EndCollect();
        return admitted;
    }

    private void Keep(long asLong, double asDouble, ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        var tags = new KeyValuePair<string, object?>[labels.Length];
        var key = new System.Text.StringBuilder();
        for (var i = 0; i < labels.Length; i++)
        {
            tags[i] = new KeyValuePair<string, object?>(labels[i].Key, labels[i].Value);
            key.Append(labels[i].Value).Append('\u001f');
        }

        this.samples.Add(new Sample(key.ToString(), asLong, asDouble, tags));
    }

    /// <summary>One sample: its label values' key, its value both ways, and its labels as tags.</summary>
    private readonly record struct Sample(string Key, long Long, double Double, KeyValuePair<string, object?>[] Tags);
}
