namespace ClientVpnExporter.Exposition;

/// <summary>
/// Where a <see cref="MetricFamily"/> writes one endpoint's samples: <see cref="ExpositionWriter"/> for <c>/metrics</c>,
/// the OTLP push's measurement collector for OpenTelemetry. The family decides the labels and values once for both.
/// </summary>
internal interface ISampleWriter
{
    /// <summary>A gauge sample.</summary>
    void Add(long value, ReadOnlySpan<KeyValuePair<string, string>> labels);

    /// <summary>A gauge sample.</summary>
    void Add(double value, ReadOnlySpan<KeyValuePair<string, string>> labels);

    /// <summary>A counter sample, unsigned 64-bit at the source.</summary>
    void Add(ulong value, ReadOnlySpan<KeyValuePair<string, string>> labels);

    /// <summary>A histogram: cumulative <paramref name="bucketCounts"/>, one per bound of the family, then the sum and count.</summary>
    void Add(IReadOnlyList<long> bucketCounts, double sum, long count, ReadOnlySpan<KeyValuePair<string, string>> labels);
}
