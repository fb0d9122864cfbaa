using System.Globalization;
using System.Text;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Writes metric families as exposition lines (<c>name{label="value",...} value</c>) in one format, into a buffer
/// of its own that the caller drains between endpoints, so the output sees few large writes and memory does not grow
/// with the response.
/// </summary>
internal sealed class ExpositionWriter : ISampleWriter
{
    private const int InitialSize = 1 << 16;

    // What the Prometheus exporter writes first on every sample of an OpenTelemetry instrument.
    private static readonly byte[] ScopeLabels = Encoding.UTF8.GetBytes(
        $"otel_scope_name=\"{ExporterMeter.Name}\",otel_scope_version=\"{ExporterMeter.Version}\"");

    private readonly ExpositionFormat format;
    private readonly double created;
    private byte[] buffer = new byte[InitialSize];
    private int used;
    private MetricFamily? family;

    /// <param name="format">The format every line is written in.</param>
    /// <param name="createdAt">The value of OpenMetrics' <c>_created</c> samples: when the exporter began counting.</param>
    public ExpositionWriter(ExpositionFormat format, DateTimeOffset createdAt)
    {
        this.format = format;
        this.created = (createdAt - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
    }

    /// <summary>What is written and not yet taken; valid until the next write or <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Pending => this.buffer.AsMemory(0, this.used);

    /// <summary>Forgets what <see cref="Pending"/> held, once the caller has passed it on.</summary>
    public void Clear() => this.used = 0;

    /// <summary>Writes <paramref name="next"/>'s TYPE, UNIT and HELP lines; the samples that follow belong to it.</summary>
    public void BeginFamily(MetricFamily next)
    {
        ArgumentNullException.ThrowIfNull(next);
        this.family = next;
        this.WriteRaw(this.format == ExpositionFormat.OpenMetrics ? next.OpenMetricsHeader : next.TextHeader);
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(this.Reserve(bytes.Length));
        this.used += bytes.Length;
    }

    /// <summary>A gauge sample.</summary>
    public void Add(long value, ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        this.WriteSeries(this.Family.SampleName, labels);
        this.WriteNumber(value);
    }

    /// <summary>A gauge sample.</summary>
    public void Add(double value, ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        this.WriteSeries(this.Family.SampleName, labels);
        this.WriteNumber(value);
    }

    /// <summary>A counter sample, unsigned 64-bit at the source, with its <c>_created</c> where OpenTelemetry wrote one.</summary>
    public void Add(ulong value, ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        this.WriteSeries(this.Family.SampleName, labels);
        this.Advance(value.TryFormat(this.Reserve(20), out var n, default, CultureInfo.InvariantCulture), n);
        this.EndLine();
        this.WriteCreated(labels);
    }

    /// <summary>
    /// A histogram: <paramref name="bucketCounts"/> are cumulative, one per bound of the family's
    /// <see cref="MetricFamily.BucketBounds"/>; the <c>+Inf</c> bucket is <paramref name="count"/>. Then the sum and count,
    /// and the <c>_created</c> where OpenTelemetry wrote one.
    /// </summary>
    public void Add(IReadOnlyList<long> bucketCounts, double sum, long count, ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(bucketCounts);
        var family = this.Family;
        var bounds = this.format == ExpositionFormat.OpenMetrics ? family.OpenMetricsBounds : family.TextBounds;
        if (bucketCounts.Count != bounds.Count)
        {
            throw new ArgumentException($"{family.Name} has {bounds.Count} buckets, not {bucketCounts.Count}.", nameof(bucketCounts));
        }

        for (var i = 0; i <= bounds.Count; i++)
        {
            this.WriteSeries(family.BucketName, labels, closeLabels: false);
            this.WriteRaw(labels.Length > 0 || family.OpenTelemetryLabels ? ",le=\""u8 : "le=\""u8);
            this.WriteRaw(i < bounds.Count ? bounds[i] : "+Inf"u8);
            this.WriteRaw("\"} "u8);
            this.WriteNumber(i < bounds.Count ? bucketCounts[i] : count);
        }

        this.WriteSeries(family.SumName, labels);
        this.WriteNumber(sum);
        this.WriteSeries(family.CountName, labels);
        this.WriteNumber(count);
        this.WriteCreated(labels);
    }

    private MetricFamily Family => this.family ?? throw new InvalidOperationException("A sample was written before its family.");

    private void WriteCreated(ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        if (this.format == ExpositionFormat.OpenMetrics && this.Family.OpenTelemetryLabels)
        {
            this.WriteSeries(this.Family.CreatedName, labels);
            this.WriteNumber(this.created);
        }
    }

    private void WriteNumber(long value)
    {
        this.Advance(value.TryFormat(this.Reserve(20), out var n, default, CultureInfo.InvariantCulture), n);
        this.EndLine();
    }

    private void WriteNumber(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            this.WriteRaw("+Inf"u8);
        }
        else if (double.IsNegativeInfinity(value))
        {
            this.WriteRaw("-Inf"u8);
        }
        else
        {
            // The shortest text that reads back as the same double; NaN is written "NaN", as the format wants.
            this.Advance(value.TryFormat(this.Reserve(32), out var n, default, CultureInfo.InvariantCulture), n);
        }

        this.EndLine();
    }

    /// <summary>The sample name and label set, and the space before the value unless <paramref name="closeLabels"/> is false.</summary>
    private void WriteSeries(byte[] name, ReadOnlySpan<KeyValuePair<string, string>> labels, bool closeLabels = true)
    {
        this.WriteRaw(name);
        var scoped = this.Family.OpenTelemetryLabels;
        if (labels.Length == 0 && !scoped && closeLabels)
        {
            this.WriteRaw(" "u8);
            return;
        }

        this.WriteRaw("{"u8);
        if (scoped)
        {
            this.WriteRaw(ScopeLabels);
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (i > 0 || scoped)
            {
                this.WriteRaw(","u8);
            }

            this.WriteUtf8(labels[i].Key);
            this.WriteRaw("=\""u8);
            this.WriteLabelValue(labels[i].Value);
            this.WriteRaw("\""u8);
        }

        if (closeLabels)
        {
            this.WriteRaw("} "u8);
        }
    }

    private void EndLine() => this.WriteRaw("\n"u8);

    /// <summary>A label value with backslash, double quote and line feed escaped, as both formats require.</summary>
    private void WriteLabelValue(string? value)
    {
        var rest = (value ?? "").AsSpan();
        int special;
        while ((special = rest.IndexOfAny('\\', '"', '\n')) >= 0)
        {
            this.WriteUtf8(rest[..special]);
            this.WriteRaw(rest[special] switch
            {
                '\\' => "\\\\"u8,
                '"' => "\\\""u8,
                _ => "\\n"u8,
            });
            rest = rest[(special + 1)..];
        }

        this.WriteUtf8(rest);
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        var count = Encoding.UTF8.GetBytes(text, this.Reserve(Encoding.UTF8.GetMaxByteCount(text.Length)));
        this.used += count;
    }

    private void Advance(bool formatted, int count)
    {
        if (!formatted)
        {
            throw new InvalidOperationException("A number did not fit the space reserved for it.");
        }

        this.used += count;
    }

    private Span<byte> Reserve(int length)
    {
        if (this.used + length > this.buffer.Length)
        {
            Array.Resize(ref this.buffer, Math.Max(this.buffer.Length * 2, this.used + length));
        }

        return this.buffer.AsSpan(this.used);
    }
}
