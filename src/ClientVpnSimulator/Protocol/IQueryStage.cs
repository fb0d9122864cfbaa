namespace ClientVpnSimulator.Protocol;

/// <summary>
/// One step every EC2 Query request passes through before its action runs: counting, and later fault
/// injection (throttling, server errors, latency, malformed bodies). A stage may answer by itself,
/// call <c>next</c>, delay, or alter what <c>next</c> answered.
/// </summary>
internal interface IQueryStage
{
    /// <summary>Handles <paramref name="request"/>, calling <paramref name="next"/> to go on.</summary>
    ValueTask<QueryResult> InvokeAsync(QueryRequest request, QueryHandler next, CancellationToken cancellationToken);
}
