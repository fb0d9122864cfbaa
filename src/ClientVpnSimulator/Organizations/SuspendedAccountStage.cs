using ClientVpnSimulator.Protocol;
using ClientVpnSimulator.Sts;

namespace ClientVpnSimulator.Organizations;

/// <summary>
/// Refuses every request that acts in a member account whose state is not ACTIVE (suspended, closed, pending
/// activation), as AWS refuses them: <c>AssumeRole</c> into it is STS <c>AccessDenied</c>, and a request signed with
/// credentials it already had is the service's refusal of those credentials (EC2 <c>AuthFailure</c>).
/// </summary>
internal sealed class SuspendedAccountStage : IQueryStage
{
    private readonly Organization organization;

    /// <summary>Checks the state of <paramref name="organization"/>'s members.</summary>
    public SuspendedAccountStage(Organization organization)
    {
        this.organization = organization;
    }

    /// <inheritdoc/>
    public ValueTask<QueryResult> InvokeAsync(QueryRequest request, QueryHandler next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);
        if (this.organization.Member(request.AccountId) is not { State: not AccountState.Active })
        {
            return next(request, cancellationToken);
        }

        return ValueTask.FromResult(request.Action == AssumeRoleAction.ActionName && request.Service == AwsService.Sts
            ? ServiceErrors.Unauthorized(request)
            : ServiceErrors.AuthFailure(request));
    }
}
