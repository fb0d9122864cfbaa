using ClientVpnSimulator.Accounts;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// An AWS service the simulator answers for on its one URL: how its requests are recognised, how its answers
/// and errors are shaped, and how it words the failures any action can meet (throttling, 5xx, refused or expired
/// credentials, a denial). Each service words the same trouble differently: EC2 says <c>RequestLimitExceeded</c>
/// where STS and IAM say <c>Throttling</c> and ACM <c>ThrottlingException</c>.
/// </summary>
/// <remarks>
/// A new service is one more instance here, added to <see cref="All"/>. A JSON 1.1 service is recognised by the
/// prefix of its <c>X-Amz-Target</c>; a Query service by the <c>Version</c> its requests carry.
/// </remarks>
internal sealed class AwsService
{
    private readonly Func<Caller, string, string?, QueryError> unauthorized;
    private readonly Func<string, QueryError> unknownAction;

    private AwsService(
        string iamPrefix,
        WireProtocol protocol,
        string? version,
        string? xmlNamespace,
        string? targetPrefix,
        QueryError throttled,
        (QueryError Internal, QueryError Unavailable) serverErrors,
        (QueryError Refused, QueryError Expired) credentialErrors,
        QueryError invalidNextToken,
        Func<Caller, string, string?, QueryError> unauthorized,
        Func<string, QueryError> unknownAction)
    {
        this.IamPrefix = iamPrefix;
        this.Protocol = protocol;
        this.Version = version;
        this.XmlNamespace = xmlNamespace;
        this.TargetPrefix = targetPrefix;
        this.Throttled = throttled;
        this.InternalError = serverErrors.Internal;
        this.Unavailable = serverErrors.Unavailable;
        this.AuthFailure = credentialErrors.Refused;
        this.ExpiredToken = credentialErrors.Expired;
        this.InvalidNextToken = invalidNextToken;
        this.unauthorized = unauthorized;
        this.unknownAction = unknownAction;
    }

    /// <summary>EC2, API version 2016-11-15.</summary>
    public static AwsService Ec2 { get; } = new(
        "ec2",
        WireProtocol.Ec2Query,
        "2016-11-15",
        Ec2Xml.Namespace,
        null,
        QueryError.RequestLimitExceeded(),
        (QueryError.InternalError(), QueryError.Unavailable()),
        (QueryError.AuthFailure(), QueryError.ExpiredToken()),
        QueryError.InvalidNextToken(),
        (_, _, _) => QueryError.UnauthorizedOperation(),
        QueryError.InvalidAction);

    /// <summary>STS, API version 2011-06-15.</summary>
    public static AwsService Sts { get; } = Query("sts", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/");

    /// <summary>IAM, API version 2010-05-08.</summary>
    public static AwsService Iam { get; } = Query("iam", "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/");

    /// <summary>ACM (AWS Certificate Manager), JSON 1.1, target prefix <c>CertificateManager</c>.</summary>
    public static AwsService Acm { get; } = Json("acm", "CertificateManager", "ThrottlingException");

    /// <summary>
    /// CloudWatch Logs, JSON 1.1, target prefix <c>Logs_20140328</c>. Its model has no page-token error: a token it
    /// did not issue is an <c>InvalidParameterException</c>; overload is its modeled <c>ServiceUnavailableException</c>.
    /// </summary>
    public static AwsService Logs { get; } = Json(
        "logs",
        "Logs_20140328",
        "ThrottlingException",
        new(503, "ServiceUnavailableException", "The service cannot complete the request."),
        new(400, "InvalidParameterException", "The specified nextToken is invalid."));

    /// <summary>Every service served.</summary>
    public static IReadOnlyList<AwsService> All { get; } = [Ec2, Sts, Iam, Acm, Logs];

    /// <summary>The prefix IAM policies give the service's actions (<c>ec2</c>, <c>acm</c>, …), which fault and deny rules may use too.</summary>
    public string IamPrefix { get; }

    /// <summary>How requests and answers are shaped.</summary>
    public WireProtocol Protocol { get; }

    /// <summary>The <c>Version</c> of a Query service's requests; null for JSON.</summary>
    public string? Version { get; }

    /// <summary>The namespace of a Query service's XML; null for JSON.</summary>
    public string? XmlNamespace { get; }

    /// <summary>What a JSON service's <c>X-Amz-Target</c> starts with, before the dot and the action; null for Query.</summary>
    public string? TargetPrefix { get; }

    /// <summary>The caller is throttled.</summary>
    public QueryError Throttled { get; }

    /// <summary>The service failed (500).</summary>
    public QueryError InternalError { get; }

    /// <summary>The service is overloaded (503).</summary>
    public QueryError Unavailable { get; }

    /// <summary>The credentials were not recognised.</summary>
    public QueryError AuthFailure { get; }

    /// <summary>The temporary credentials that signed the request have expired.</summary>
    public QueryError ExpiredToken { get; }

    /// <summary>A page token the service did not issue.</summary>
    public QueryError InvalidNextToken { get; }

    /// <summary>The JSON service whose target starts with <paramref name="prefix"/>; null when none.</summary>
    public static AwsService? ByTargetPrefix(string prefix) =>
        All.FirstOrDefault(s => s.Protocol == WireProtocol.Json && string.Equals(s.TargetPrefix, prefix, StringComparison.Ordinal));

    /// <summary>The Query service whose requests carry <paramref name="version"/>; EC2 for any other version, as EC2 is the default.</summary>
    public static AwsService ByVersion(string? version) =>
        All.FirstOrDefault(s => s.Protocol == WireProtocol.Query && s.Version == version) ?? Ec2;

    /// <summary>IAM denies <paramref name="caller"/> the action on <paramref name="resource"/> (null: none named).</summary>
    public QueryError Unauthorized(Caller caller, string action, string? resource) => this.unauthorized(caller, action, resource);

    /// <summary>The service has no such action.</summary>
    public QueryError UnknownAction(string action) => this.unknownAction(action);

    /// <inheritdoc/>
    public override string ToString() => this.IamPrefix;

    private static string NotAuthorizedMessage(Caller caller, string prefix, string action, string? resource) =>
        $"User: {caller.Arn} is not authorized to perform: {prefix}:{action}{(resource is null ? string.Empty : $" on resource: {resource}")}";

    private static AwsService Query(string prefix, string version, string xmlNamespace) => new(
        prefix,
        WireProtocol.Query,
        version,
        xmlNamespace,
        null,
        new(400, "Throttling", "Rate exceeded"),
        (new(500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."),
         new(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")),
        (new(403, "InvalidClientTokenId", "The security token included in the request is invalid."), QueryError.ExpiredToken()),
        new(400, "InvalidInput", "The pagination token is not valid."),
        (caller, action, resource) => new(403, "AccessDenied", NotAuthorizedMessage(caller, prefix, action, resource)),
        action => new(400, "InvalidAction", $"Could not find operation {action} for version {version}"));

    private static AwsService Json(
        string prefix, string targetPrefix, string throttlingCode, QueryError? unavailable = null, QueryError? invalidNextToken = null) => new(
        prefix,
        WireProtocol.Json,
        null,
        null,
        targetPrefix,
        new(400, throttlingCode, "Rate exceeded"),
        (new(500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."),
         unavailable ?? new(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")),
        (new(400, "UnrecognizedClientException", "The security token included in the request is invalid."),
         new(400, "ExpiredTokenException", "The security token included in the request is expired")),
        invalidNextToken ?? new(400, "InvalidNextTokenException", "The pagination token is not valid."),
        // The JSON services' AccessDeniedException carries its text in "Message", unlike their other errors.
        (caller, action, resource) => new(400, "AccessDeniedException", NotAuthorizedMessage(caller, prefix, action, resource)) { JsonMessageMember = "Message" },
        action => new(400, "UnknownOperationException", $"The operation {action} is not known to this service."));
}
