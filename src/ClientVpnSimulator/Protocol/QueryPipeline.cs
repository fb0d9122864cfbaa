namespace ClientVpnSimulator.Protocol;

/// <summary>The stages in their order, ending at the action dispatcher.</summary>
internal sealed class QueryPipeline
{
    private readonly QueryHandler entry;
    private readonly ActionDispatcher dispatcher;

    /// <summary>Chains <paramref name="stages"/> in order in front of <paramref name="dispatcher"/>.</summary>
    public QueryPipeline(IEnumerable<IQueryStage> stages, ActionDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(dispatcher);
        this.dispatcher = dispatcher;
        QueryHandler next = (request, _) => ValueTask.FromResult(dispatcher.Dispatch(request));
        foreach (var stage in stages.Reverse())
        {
            var after = next;
            next = (request, cancellationToken) => stage.InvokeAsync(request, after, cancellationToken);
        }

        this.entry = next;
    }

    /// <summary>The service an action belongs to; see <see cref="ActionDispatcher.ServiceOf"/>.</summary>
    public AwsService ServiceOf(string action, string? version) => this.dispatcher.ServiceOf(action, version);

    /// <summary>Runs a request through every stage and its action.</summary>
    /// <exception cref="OperationCanceledException">The request was to go unanswered and the client left or the server stopped.</exception>
    public ValueTask<QueryResult> HandleAsync(QueryRequest request, CancellationToken cancellationToken) =>
        this.entry(request, cancellationToken);
}
