using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Permissions;

/// <summary>
/// Answers a denied action as IAM would: EC2 <c>UnauthorizedOperation</c> (403), STS <c>AccessDenied</c>. It runs
/// before the action, so a denied <c>DryRun</c> request is refused instead of answered <c>DryRunOperation</c>.
/// </summary>
internal sealed class PermissionStage : IQueryStage
{
    private readonly PermissionPolicy policy;

    /// <summary>Enforces <paramref name="policy"/>.</summary>
    public PermissionStage(PermissionPolicy policy)
    {
        this.policy = policy;
    }

    /// <inheritdoc/>
    public ValueTask<QueryResult> InvokeAsync(QueryRequest request, QueryHandler next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        return this.policy.Denies(request) ? ValueTask.FromResult(ServiceErrors.Unauthorized(request)) : next(request, cancellationToken);
    }
}
