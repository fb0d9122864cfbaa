using ClientVpnSimulator.Logs;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// The failures any action can meet, answered the way the request's own service words them (see <see cref="AwsService"/>).
/// </summary>
internal static class ServiceErrors
{
    /// <summary>The caller is throttled.</summary>
    public static QueryResult Throttled(QueryRequest request) => Answer(request, Of(request).Throttled);

    /// <summary>The service failed (500), or is overloaded (503) when <paramref name="unavailable"/>.</summary>
    public static QueryResult ServerError(QueryRequest request, bool unavailable) =>
        Answer(request, unavailable ? Of(request).Unavailable : Of(request).InternalError);

    /// <summary>The credentials were not recognised.</summary>
    public static QueryResult AuthFailure(QueryRequest request) => Answer(request, Of(request).AuthFailure);

    /// <summary>The temporary credentials that signed the request have expired.</summary>
    public static QueryResult ExpiredToken(QueryRequest request) => Answer(request, Of(request).ExpiredToken);

    /// <summary>A page token the service did not issue.</summary>
    public static QueryResult InvalidNextToken(QueryRequest request) => Answer(request, Of(request).InvalidNextToken);

    /// <summary>IAM denies the caller the action; STS's words name the role asked for, CloudWatch Logs' the log group.</summary>
    public static QueryResult Unauthorized(QueryRequest request) =>
        Answer(request, Of(request).Unauthorized(
            request.Caller, request.Action, request.Get("RoleArn") ?? request.Get("CertificateArn") ?? request.Get("SAMLProviderArn") ?? LogGroupArn.Of(request)));

    private static AwsService Of(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Service;
    }

    private static ErrorQueryResult Answer(QueryRequest request, QueryError error) => new(error, request.RequestId, request.Service);
}
