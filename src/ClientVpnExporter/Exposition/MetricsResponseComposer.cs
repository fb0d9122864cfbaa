namespace ClientVpnExporter.Exposition;

/// <summary>
/// Wraps <c>/metrics</c>: pins the snapshot the scrape reads, lets the Prometheus exporter write the endpoint-level
/// and self metrics, then appends the per-user and per-connection families in the format the exporter negotiated
/// (before OpenMetrics' closing <c># EOF</c>).
/// <para>
/// It composes the answer of the endpoint marked with <see cref="WithDetailFamilies"/>, as routing chose it, rather
/// than match the path itself: routing ignores case (<c>/METRICS</c>) and takes a trailing slash, and a path compared
/// here by other rules served some scrapes without the detail families.
/// </para>
/// </summary>
internal static class MetricsResponseComposer
{
    private static readonly object DetailFamiliesMarker = new();

    private const string OpenMetricsContentType = "application/openmetrics-text";

    private static readonly byte[] OpenMetricsEnd = "# EOF\n"u8.ToArray();

    /// <summary>Marks the Prometheus scraping endpoint as the one whose answer gets the detail families.</summary>
    public static TBuilder WithDetailFamilies<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder => endpoint.WithMetadata(DetailFamiliesMarker);

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetEndpoint()?.Metadata.Contains(DetailFamiliesMarker) != true)
        {
            await next(context);
            return;
        }

        using var pin = context.RequestServices.GetRequiredService<ClientVpnMetrics>().PinForScrape();
        var detail = context.RequestServices.GetRequiredService<DetailExposition>();
        if (detail.IsEmpty)
        {
            await next(context);
            return;
        }

        // The Prometheus exporter gzips its answer when the scraper accepts it, and nothing can be appended to
        // that. With detail on the answer goes uncompressed: compressing hundreds of megabytes would cost more
        // CPU than writing them.
        context.Request.Headers.AcceptEncoding = default;

        // What the Prometheus exporter writes is small (bounded by the endpoints); it is held to be joined with the detail.
        var response = context.Response;
        var body = response.Body;
        using var exporterOutput = new MemoryStream();
        response.Body = exporterOutput;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }

        var written = exporterOutput.GetBuffer().AsMemory(0, (int)exporterOutput.Length);
        if (response.StatusCode != StatusCodes.Status200OK || HttpMethods.IsHead(context.Request.Method))
        {
            await response.BodyWriter.WriteAsync(written, context.RequestAborted);
            return;
        }

        var format = response.ContentType?.StartsWith(OpenMetricsContentType, StringComparison.OrdinalIgnoreCase) == true
            ? ExpositionFormat.OpenMetrics
            : ExpositionFormat.PrometheusText;
        if (format == ExpositionFormat.OpenMetrics && written.Span.EndsWith(OpenMetricsEnd))
        {
            written = written[..^OpenMetricsEnd.Length];
        }

        response.ContentLength = null;
        await response.BodyWriter.WriteAsync(written, context.RequestAborted);
        await detail.WriteAsync(pin.Snapshot, format, response.BodyWriter, context.RequestAborted);
        if (format == ExpositionFormat.OpenMetrics)
        {
            await response.BodyWriter.WriteAsync(OpenMetricsEnd, context.RequestAborted);
        }
    }
}
