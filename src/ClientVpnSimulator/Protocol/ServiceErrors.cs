using ClientVpnSimulator.Sts;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// The failures any action can meet, answered the way the request's own service words them: EC2 and STS
/// use different codes for the same trouble (<c>RequestLimitExceeded</c> against <c>Throttling</c>, …).
/// </summary>
internal static class ServiceErrors
{
    /// <summary>The caller is throttled.</summary>
    public static QueryResult Throttled(QueryRequest request) =>
        Answer(request, request.Service == QueryService.Sts ? StsErrors.Throttling() : QueryError.RequestLimitExceeded());

    /// <summary>The service failed (500), or is overloaded (503) when <paramref name="unavailable"/>.</summary>
    public static QueryResult ServerError(QueryRequest request, bool unavailable) => Answer(
        request,
        (request.Service, unavailable) switch
        {
            (QueryService.Sts, false) => StsErrors.InternalFailure(),
            (QueryService.Sts, true) => StsErrors.ServiceUnavailable(),
            (_, false) => QueryError.InternalError(),
            _ => QueryError.Unavailable(),
        });

    /// <summary>The credentials were not recognised.</summary>
    public static QueryResult AuthFailure(QueryRequest request) =>
        Answer(request, request.Service == QueryService.Sts ? StsErrors.InvalidClientTokenId() : QueryError.AuthFailure());

    /// <summary>The temporary credentials that signed the request have expired: same code and words in both services.</summary>
    public static QueryResult ExpiredToken(QueryRequest request) => Answer(request, QueryError.ExpiredToken());

    /// <summary>IAM denies the caller the action.</summary>
    public static QueryResult Unauthorized(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Answer(
            request,
            request.Service == QueryService.Sts
                ? StsErrors.NotAuthorized(request.Caller, request.Action, request.Get("RoleArn"))
                : QueryError.UnauthorizedOperation());
    }

    private static ErrorQueryResult Answer(QueryRequest request, QueryError error)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ErrorQueryResult(error, request.RequestId, request.Service);
    }
}
