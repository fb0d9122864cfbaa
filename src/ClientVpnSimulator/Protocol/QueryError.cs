namespace ClientVpnSimulator.Protocol;

/// <summary>
/// An error as the API reports it: HTTP status, error code and message. The factories here are EC2's;
/// other services' are beside their actions and in <see cref="AwsService"/>. <see cref="ErrorQueryResult"/>
/// writes one in its service's format.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Code">The error code, such as <c>InvalidParameterValue</c>; a JSON service's exception name.</param>
/// <param name="Message">The human-readable message.</param>
internal sealed record QueryError(int StatusCode, string Code, string Message)
{
    /// <summary>The member a JSON error's text is written in: <c>message</c>, or what the service model names it.</summary>
    public string JsonMessageMember { get; init; } = "message";

    /// <summary>A required parameter is absent.</summary>
    public static QueryError MissingParameter(string name) =>
        new(400, "MissingParameter", $"The request must contain the parameter {name}");

    /// <summary>A parameter has a value the action does not accept.</summary>
    public static QueryError InvalidParameterValue(string message) => new(400, "InvalidParameterValue", message);

    /// <summary>The action is not one this service knows.</summary>
    public static QueryError InvalidAction(string action) =>
        new(400, "InvalidAction", $"The action {action} is not valid for this web service.");

    /// <summary>The endpoint does not exist (or no longer does).</summary>
    public static QueryError EndpointNotFound(string endpointId) =>
        new(400, "InvalidClientVpnEndpointId.NotFound", $"The Client VPN endpoint ID '{endpointId}' does not exist");

    /// <summary>The page token is not one this service issued for this listing.</summary>
    public static QueryError InvalidNextToken() => new(400, "InvalidNextToken", "The token provided is invalid.");

    /// <summary>The body is not a valid form.</summary>
    public static QueryError MalformedQueryString() => new(400, "MalformedQueryString", "The request body is not a valid query string.");

    /// <summary>The answer to a permitted request made with <c>DryRun=true</c>.</summary>
    public static QueryError DryRunOperation() =>
        new(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");

    /// <summary>The account's request rate is above its limit.</summary>
    public static QueryError RequestLimitExceeded() => new(503, "RequestLimitExceeded", "Request limit exceeded.");

    /// <summary>The service failed; the request may be retried.</summary>
    public static QueryError InternalError() => new(500, "InternalError", "An internal error has occurred");

    /// <summary>The service is overloaded; the request may be retried.</summary>
    public static QueryError Unavailable() => new(503, "Unavailable", "The server is overloaded and can't handle the request.");

    /// <summary>The signature or access key was not accepted.</summary>
    public static QueryError AuthFailure() => new(401, "AuthFailure", "AWS was not able to validate the provided access credentials");

    /// <summary>The temporary credentials that signed the request have expired.</summary>
    public static QueryError ExpiredToken() => new(400, "ExpiredToken", "The security token included in the request is expired");

    /// <summary>IAM does not allow the caller this action.</summary>
    public static QueryError UnauthorizedOperation() =>
        new(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");

    /// <summary>A parameter breaks the API's constraints, as the Query services (STS, IAM) word it.</summary>
    public static QueryError ValidationError(string parameter, string? value, string constraint) => new(
        400,
        "ValidationError",
        $"1 validation error detected: Value {(value is null ? "null" : $"'{value}'")} at '{parameter}' failed to satisfy constraint: {constraint}");
}
