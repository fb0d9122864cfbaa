namespace ClientVpnSimulator.Protocol;

/// <summary>An EC2 error as the API reports it: HTTP status, error code and message.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Code">The error code, such as <c>InvalidParameterValue</c>.</param>
/// <param name="Message">The human-readable message.</param>
internal sealed record Ec2Error(int StatusCode, string Code, string Message)
{
    /// <summary>A required parameter is absent.</summary>
    public static Ec2Error MissingParameter(string name) =>
        new(400, "MissingParameter", $"The request must contain the parameter {name}");

    /// <summary>A parameter has a value the action does not accept.</summary>
    public static Ec2Error InvalidParameterValue(string message) => new(400, "InvalidParameterValue", message);

    /// <summary>The action is not one this service knows.</summary>
    public static Ec2Error InvalidAction(string action) =>
        new(400, "InvalidAction", $"The action {action} is not valid for this web service.");

    /// <summary>The endpoint does not exist (or no longer does).</summary>
    public static Ec2Error EndpointNotFound(string endpointId) =>
        new(400, "InvalidClientVpnEndpointId.NotFound", $"The Client VPN endpoint ID '{endpointId}' does not exist");

    /// <summary>The page token is not one this service issued for this listing.</summary>
    public static Ec2Error InvalidNextToken() => new(400, "InvalidNextToken", "The token provided is invalid.");

    /// <summary>The body is not a valid form.</summary>
    public static Ec2Error MalformedQueryString() => new(400, "MalformedQueryString", "The request body is not a valid query string.");

    /// <summary>The answer to a permitted request made with <c>DryRun=true</c>.</summary>
    public static Ec2Error DryRunOperation() =>
        new(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
}
