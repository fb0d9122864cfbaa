namespace ClientVpnSimulator.Protocol;

/// <summary>The HTTP face of the EC2 Query protocol: <c>POST /</c> with a form body (or <c>GET /</c> with a query string).</summary>
internal static class QueryEndpoint
{
    /// <summary>Maps the service root to <paramref name="pipeline"/>.</summary>
    public static void MapEc2Query(this IEndpointRouteBuilder routes, QueryPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(pipeline);
        routes.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], context => HandleAsync(context, pipeline));
    }

    private static async Task HandleAsync(HttpContext context, QueryPipeline pipeline)
    {
        var cancellationToken = context.RequestAborted;
        var requestId = Guid.NewGuid().ToString();
        QueryResult result;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            // The SDK signs but the simulator accepts any signature: authentication is out of scope.
            foreach (var (key, value) in context.Request.Query)
            {
                parameters[key] = value.ToString();
            }

            if (context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(cancellationToken);
                foreach (var (key, value) in form)
                {
                    parameters[key] = value.ToString();
                }
            }

            result = await pipeline.HandleAsync(new QueryRequest(parameters, requestId), cancellationToken);
        }
        catch (InvalidDataException)
        {
            result = new ErrorQueryResult(Ec2Error.MalformedQueryString(), requestId);
        }

        // Rendering to memory first gives a Content-Length and keeps synchronous XmlWriter off the socket.
        using var body = new MemoryStream();
        result.WriteTo(body);
        context.Response.StatusCode = result.StatusCode;
        context.Response.ContentType = result.ContentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), cancellationToken);
    }
}
