using ClientVpnSimulator.Accounts;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// The HTTP face of every service on one URL. A request with an <c>X-Amz-Target: Prefix.Action</c> header is
/// AWS JSON 1.1 (<c>POST /</c>, JSON body), its service the one whose target prefix it names (see
/// <see cref="AwsService.TargetPrefix"/>); any other is the Query protocol (<c>POST /</c> with a form body, or
/// <c>GET /</c> with a query string), its service told by the action or the <c>Version</c>. The account a request
/// acts in is read from the access key in its signature.
/// </summary>
internal static class QueryEndpoint
{
    private const string TargetHeader = "X-Amz-Target";
    private const string RequestIdHeader = "x-amzn-RequestId";

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
        try
        {
            var request = context.Request.Headers.TryGetValue(TargetHeader, out var target)
                ? await ReadJsonAsync(context, target.ToString(), requestId, accounts, cancellationToken)
                : await ReadQueryAsync(context, pipeline, requestId, accounts, cancellationToken);
            result = request.Answer ?? await pipeline.HandleAsync(request.Request!, cancellationToken);
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

        // Rendering to memory first gives a Content-Length and keeps synchronous writers off the socket.
        using var body = new MemoryStream();
        result.WriteTo(body);
        context.Response.StatusCode = result.StatusCode;
        context.Response.ContentType = result.ContentType;
        context.Response.Headers[RequestIdHeader] = requestId;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), cancellationToken);
    }

    private static async Task<(QueryRequest? Request, QueryResult? Answer)> ReadQueryAsync(
        HttpContext context, QueryPipeline pipeline, string requestId, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
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
        return (new QueryRequest(
            parameters,
            action,
            requestId,
            pipeline.ServiceOf(action, parameters.GetValueOrDefault("Version")),
            caller,
            accounts.AccountFor(action, parameters.GetValueOrDefault("RoleArn"), caller)) { Region = SigningKey.RegionOf(context.Request) }, null);
    }

    private static async Task<(QueryRequest? Request, QueryResult? Answer)> ReadJsonAsync(
        HttpContext context, string target, string requestId, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        var dot = target.LastIndexOf('.');
        var prefix = dot > 0 ? target[..dot] : target;
        var action = dot > 0 ? target[(dot + 1)..] : string.Empty;
        var service = AwsService.ByTargetPrefix(prefix);
        if (service is null)
        {
            // No service of that prefix here: an unknown operation, in the JSON error format any JSON service shares.
            var anyJson = AwsService.All.First(s => s.Protocol == WireProtocol.Json);
            return (null, new ErrorQueryResult(new QueryError(400, "UnknownOperationException", $"No service here has the target {target}."), requestId, anyJson));
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        Dictionary<string, string> parameters;
        try
        {
            parameters = JsonRequestBody.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (QueryErrorException e)
        {
            return (null, new ErrorQueryResult(e.Error, requestId, service));
        }

        var caller = accounts.Identify(SigningKey.AccessKeyIdOf(context.Request));
        return (new QueryRequest(parameters, action, requestId, service, caller, caller.AccountId) { Region = SigningKey.RegionOf(context.Request) }, null);
    }
}
