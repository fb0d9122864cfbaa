using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Regions;

/// <summary>
/// Refuses a request to a regional service (EC2, ACM, …) signed for a region its account has not enabled, as AWS does:
/// the service's refusal of the credentials (EC2 <c>AuthFailure</c>, 401, "AWS was not able to validate the provided
/// access credentials"), since a region not enabled knows nothing of the account. The global services (STS, IAM,
/// Organizations) answer wherever they are signed for; so does an unsigned request. An enabled region that is not one of
/// the endpoints' regions passes the request on as one that sees no endpoints.
/// </summary>
internal sealed class RegionEnabledStage : IQueryStage
{
    private readonly AccountRegions regions;

    /// <summary>Checks against the regions enabled in <paramref name="regions"/>.</summary>
    public RegionEnabledStage(AccountRegions regions)
    {
        this.regions = regions;
    }

    /// <inheritdoc/>
    public ValueTask<QueryResult> InvokeAsync(QueryRequest request, QueryHandler next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);
        var global = request.Service == AwsService.Sts || request.Service == AwsService.Iam || request.Service == AwsService.Organizations;
        if (global || request.Region is not { } region)
        {
            return next(request, cancellationToken);
        }

        return !this.regions.IsEnabled(request.AccountId, region) ? ValueTask.FromResult(ServiceErrors.AuthFailure(request))
            : this.regions.HoldsEndpoints(region) ? next(request, cancellationToken)
            : next(request.OutsideEndpointRegions(), cancellationToken);
    }
}
