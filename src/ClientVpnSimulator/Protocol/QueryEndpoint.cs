using ClientVpnSimulator.Accounts;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// The HTTP face of the Query protocol, EC2 and STS alike: <c>POST /</c> with a form body (or <c>GET /</c>
/// with a query string), the account read from the access key in the signature.
/// </summary>
internal static class QueryEndpoint
{
    /// <summary>Maps the service root to <paramref name="pipeline"/>.</summary>
    /// <param name="routes">Where to map.</param>
    /// <param name="pipeline">Answers the requests.</param>
    /// <param name="accounts">Tells which account a request acts in.</param>
    /// <param name="stopping">Fires when the server stops, which ends requests held unanswered.</param>
    public static void MapQueryProtocol(this IEndpointRouteBuilder routes, QueryPipeline pipeline, AccountDirectory accounts, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(accounts);
        routes.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], context => HandleAsync(context, pipeline, accounts, stopping));
    }

    private static async Task HandleAsync(HttpContext context, QueryPipeline pipeline, AccountDirectory accounts, CancellationToken stopping)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = held.Token;
        var requestId = Guid.NewGuid().ToString();
        QueryResult result;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
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

            // Signatures are not checked: the access key only tells whose credentials, so which account.
            var action = parameters.GetValueOrDefault("Action") ?? string.Empty;
            var caller = accounts.Identify(SigningKey.AccessKeyIdOf(context.Request));
            var request = new QueryRequest(
                parameters,
                requestId,
                pipeline.ServiceOf(action, parameters.GetValueOrDefault("Version")),
                caller,
                accounts.AccountFor(action, parameters.GetValueOrDefault("RoleArn"), caller));
            result = await pipeline.HandleAsync(request, cancellationToken);
        }
        catch (InvalidDataException)
        {
            result = new ErrorQueryResult(QueryError.MalformedQueryString(), requestId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Held unanswered (a hang, or a delay) until the client left or the server stopped: the client gets no answer.
            context.Abort();
            return;
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
