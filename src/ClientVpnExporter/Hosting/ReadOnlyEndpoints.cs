namespace ClientVpnExporter.Hosting;

/// <summary>
/// Restricts an endpoint to GET and HEAD, the only methods a scraper, probe or browser sends. Routing answers any
/// other method with 405 and <c>Allow: GET, HEAD</c>, instead of running the endpoint (a health check's or the
/// Prometheus exporter's own mapping takes every method).
/// </summary>
internal static class ReadOnlyEndpoints
{
    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    public static TBuilder AllowGetAndHeadOnly<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder => endpoint.WithMetadata(new HttpMethodMetadata(Methods));
}
