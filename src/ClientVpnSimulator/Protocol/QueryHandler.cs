namespace ClientVpnSimulator.Protocol;

/// <summary>Answers a request: the rest of the pipeline, as seen by a stage.</summary>
internal delegate ValueTask<QueryResult> QueryHandler(QueryRequest request, CancellationToken cancellationToken);
