namespace ClientVpnSimulator.Protocol;

/// <summary>The stages in their order, ending at the action dispatcher.</summary>
internal sealed class QueryPipeline
{
    private readonly QueryHandler _entry;

    /// <summary>Chains <paramref name="stages"/> in order in front of <paramref name="dispatcher"/>.</summary>
    public QueryPipeline(IEnumerable<IQueryStage> stages, ActionDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(dispatcher);
        QueryHandler next = (request, _) => ValueTask.FromResult(dispatcher.Dispatch(request));
        foreach (var stage in stages.Reverse())
        {
            var after = next;
            next = (request, cancellationToken) => stage.InvokeAsync(request, after, cancellationToken);
        }

        _entry = next;
    }

    /// <summary>Runs a request through every stage and its action.</summary>
    public ValueTask<QueryResult> HandleAsync(QueryRequest request, CancellationToken cancellationToken) =>
        _entry(request, cancellationToken);
}
