using Microsoft.Net.Http.Headers;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Wraps <c>/metrics</c>, the OpenTelemetry Prometheus exporter's endpoint: the exporter writes the self metrics,
/// build_info and target_info, and the fleet part of the current <see cref="FleetRendering"/> follows in the format
/// the exporter negotiated, with the response's only <c># EOF</c> last in OpenMetrics.
/// <para>
/// With gzip accepted the answer is two gzip members (RFC 1952 §2.2, which decoders such as Go's and .NET's read as
/// one stream): the exporter's part (a few kilobytes, compressed by <see cref="ExporterPartCompressor"/>), then the
/// fleet part's members, made once per publish and format (<see cref="FleetRendering"/>). A plain request gets the
/// exporter's part, then the fleet members inflated as they are sent, or, when no scrape has asked for its format
/// since the publish, the fleet part rendered straight into the answer.
/// </para>
/// <para>
/// It composes the answer of the endpoint marked with <see cref="WithFleetFamilies"/>, as routing chose it, rather
/// than match the path itself: routing ignores case (<c>/METRICS</c>) and takes a trailing slash, and a path compared
/// here by other rules served some scrapes without the fleet.
/// </para>
/// </summary>
internal static class MetricsEndpoint
{
    private static readonly object FleetFamiliesMarker = new();

    private const string OpenMetricsContentType = "application/openmetrics-text";

    private static readonly byte[] OpenMetricsEnd = "# EOF\n"u8.ToArray();

    /// <summary>Marks the Prometheus scraping endpoint as the one whose answer gets the fleet families.</summary>
    public static TBuilder WithFleetFamilies<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder => endpoint.WithMetadata(FleetFamiliesMarker);

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetEndpoint()?.Metadata.Contains(FleetFamiliesMarker) != true)
        {
            await next(context);
            return;
        }

        await ComposeAsync(context, next);
    }

    /// <summary>Lets <paramref name="exporter"/> (the Prometheus exporter) answer, then joins the fleet part to its answer.</summary>
    internal static async Task ComposeAsync(HttpContext context, RequestDelegate exporter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exporter);

        // Read once: this scrape serves this view to its end, whatever is published meanwhile.
        var publisher = context.RequestServices.GetRequiredService<FleetPublisher>();
        var rendering = publisher.Current;
        var gzip = AcceptsGzip(context.Request);

        // The exporter would gzip its own answer, and its OpenMetrics '# EOF' could then not be taken off nor the fleet
        // joined to it. So it is always asked for identity, and the whole answer is compressed here.
        context.Request.Headers.AcceptEncoding = default;

        // What the Prometheus exporter writes is small (self metrics, bounded label sets); it is held to be joined with the fleet.
        var response = context.Response;
        var body = response.Body;
        using var exporterOutput = new MemoryStream();
        response.Body = exporterOutput;
        try
        {
            await exporter(context);
        }
        finally
        {
            response.Body = body;
        }

        var written = exporterOutput.GetBuffer().AsMemory(0, (int)exporterOutput.Length);
        if (response.StatusCode != StatusCodes.Status200OK || HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(written, context.RequestAborted);
            return;
        }

        var format = response.ContentType?.StartsWith(OpenMetricsContentType, StringComparison.OrdinalIgnoreCase) == true
            ? ExpositionFormat.OpenMetrics
            : ExpositionFormat.PrometheusText;
        if (format == ExpositionFormat.OpenMetrics && written.Span.EndsWith(OpenMetricsEnd))
        {
            written = written[..^OpenMetricsEnd.Length];
        }

        // Both encodings serve the format's compressed fleet part: made at publish once a scrape has asked for the format.
        publisher.Asked(format);
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        if (gzip)
        {
            var fleet = rendering.Gzip(format);
            var head = context.RequestServices.GetRequiredService<ExporterPartCompressor>().Compress(format, written.Span);
            response.Headers.ContentEncoding = "gzip";
            response.ContentLength = head.Length + fleet.Length;
            await response.Body.WriteAsync(head, context.RequestAborted);
            await fleet.WriteToAsync(response.Body, context.RequestAborted);
            return;
        }

        response.ContentLength = null;
        await response.Body.WriteAsync(written, context.RequestAborted);
        if (rendering.IsCompressed(format))
        {
            await rendering.Gzip(format).WriteDecompressedToAsync(response.Body, context.RequestAborted);
            return;
        }

        // A plain scrape of a format not compressed yet renders it straight into the answer: compressing it only to
        // inflate it again would cost both. The next publishes compress it, since it was asked for.
        foreach (var chunk in rendering.Chunks(format))
        {
            await response.Body.WriteAsync(chunk, context.RequestAborted);
        }
    }

    /// <summary>True when the request's Accept-Encoding allows gzip (by name or by <c>*</c>, with a quality above 0).</summary>
    internal static bool AcceptsGzip(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        double? gzip = null;
        double? any = null;
        foreach (var coding in request.GetTypedHeaders().AcceptEncoding)
        {
            var quality = coding.Quality ?? 1;
            if (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = Math.Max(gzip ?? 0, quality);
            }
            else if (coding.Value.Equals("*", StringComparison.Ordinal))
            {
                any = Math.Max(any ?? 0, quality);
            }
        }

        return (gzip ?? any ?? 0) > 0;
    }
}
