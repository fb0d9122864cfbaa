using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Accounts;

/// <summary>Refuses requests signed with issued credentials whose real-time expiration has passed: <c>ExpiredToken</c>.</summary>
internal sealed class ExpiredCredentialStage : IQueryStage
{
    private readonly CredentialStore credentials;

    /// <summary>Checks against the expirations <paramref name="credentials"/> issued.</summary>
    public ExpiredCredentialStage(CredentialStore credentials)
    {
        this.credentials = credentials;
    }

    /// <inheritdoc/>
    public ValueTask<QueryResult> InvokeAsync(QueryRequest request, QueryHandler next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);
        return request.Caller.Session is { } session && this.credentials.Now >= session.Expiration
            ? ValueTask.FromResult(ServiceErrors.ExpiredToken(request))
            : next(request, cancellationToken);
    }
}
