namespace ClientVpnSimulator.Protocol;

/// <summary>
/// One step every Query request passes through before its action runs: counting, fault injection
/// (throttling, server errors, latency, hangs, malformed bodies), expired credentials, denied actions.
/// A stage may answer by itself, call <c>next</c>, delay, or alter what <c>next</c> answered.
/// </summary>
internal interface IQueryStage
{
    /// <summary>Handles <paramref name="request"/>, calling <paramref name="next"/> to go on.</summary>
    ValueTask<QueryResult> InvokeAsync(QueryRequest request, QueryHandler next, CancellationToken cancellationToken);
}
