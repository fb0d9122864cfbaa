namespace ClientVpnExporter.Configuration;

/// <summary>
/// The <c>ClientVpn:Otlp</c> section: the OpenTelemetry environment variables' settings for appsettings.json and Helm.
/// An <c>OTEL_*</c> variable that is set wins over its setting here (<c>Otlp/OtlpSettings</c>); unset here and there,
/// the specification's default applies.
/// </summary>
public sealed class OtlpOptions
{
    /// <summary>As <c>OTEL_METRICS_EXPORTER</c>: <c>prometheus</c>, <c>otlp</c>, <c>prometheus,otlp</c> or <c>none</c>.</summary>
    public string? MetricsExporter { get; set; }

    /// <summary>As <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: the collector's base URL; http/protobuf adds <c>/v1/metrics</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>As <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c> or <c>http/protobuf</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>As <c>OTEL_EXPORTER_OTLP_HEADERS</c>: <c>key=value,key2=value2</c>, values percent-encoded.</summary>
    public string? Headers { get; set; }

    /// <summary>As <c>OTEL_EXPORTER_OTLP_TIMEOUT</c> (there in milliseconds): how long one export may take.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>As <c>OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE</c>.</summary>
    public OtlpTemporality? TemporalityPreference { get; set; }

    /// <summary>As <c>OTEL_METRIC_EXPORT_INTERVAL</c> (there in milliseconds): how often metrics are pushed.</summary>
    public TimeSpan? ExportInterval { get; set; }

    /// <summary>
    /// The most label sets one fleet metric may hold in the OpenTelemetry SDK (its cardinality limit). A label set past
    /// it is not pushed and is counted in <c>clientvpn_exporter_otlp_series_refused_total</c>, so nothing ever lands in
    /// <c>otel_metric_overflow</c>. Null: 2000, the SDK's default.
    /// </summary>
    public int? CardinalityLimit { get; set; }
}
