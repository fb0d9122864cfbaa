namespace ClientVpnExporter.Exposition;

/// <summary>The Prometheus type a <see cref="MetricFamily"/> is written as.</summary>
internal enum FamilyKind
{
    Gauge,

    /// <summary>A monotonic total: <c>_total</c> samples, and in OpenMetrics <c>_created</c> where OpenTelemetry wrote them.</summary>
    Counter,

    /// <summary>Cumulative <c>_bucket</c> samples with an <c>le</c> label, then <c>_sum</c> and <c>_count</c>.</summary>
    Histogram,
}
