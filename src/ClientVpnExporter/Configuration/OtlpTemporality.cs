namespace ClientVpnExporter.Configuration;

/// <summary>The values of <c>OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE</c>, as the specification names them.</summary>
public enum OtlpTemporality
{
    /// <summary>Every sum is pushed as a running total since the exporter started: what Prometheus-style backends want.</summary>
    Cumulative,

    /// <summary>Sums are pushed as the change since the previous export: what Datadog, Dynatrace and the like want.</summary>
    Delta,

    /// <summary>Synchronous counters as deltas, everything else cumulative (the specification's low-memory choice).</summary>
    LowMemory,
}
