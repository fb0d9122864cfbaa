namespace ClientVpnExporter.Exposition;

/// <summary>The two formats <c>/metrics</c> answers in, as the Prometheus exporter negotiated them.</summary>
internal enum ExpositionFormat
{
    /// <summary>The Prometheus text format 0.0.4 (<c>text/plain</c>).</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0 (<c>application/openmetrics-text</c>): a <c># UNIT</c> line, family names without <c>_total</c>, and <c># EOF</c> at the end.</summary>
    OpenMetrics,
}
