using ClientVpnSimulator.Control;

namespace ClientVpnSimulator.Protocol;

/// <summary>Counts every request per account and action before anything can fail it, so ground truth sees errors too.</summary>
internal sealed class RequestCountingStage : IQueryStage
{
    private readonly RequestCounters counters;

    /// <summary>Counts into <paramref name="counters"/>.</summary>
    public RequestCountingStage(RequestCounters counters)
    {
        this.counters = counters;
    }

    /// <inheritdoc/>
    public ValueTask<QueryResult> InvokeAsync(QueryRequest request, QueryHandler next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);
        this.counters.Increment(request.AccountId, request.Action);
        return next(request, cancellationToken);
    }
}
