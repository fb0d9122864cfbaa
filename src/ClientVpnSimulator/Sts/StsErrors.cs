using ClientVpnSimulator.Accounts;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Sts;

/// <summary>The errors STS answers, with its codes and words.</summary>
internal static class StsErrors
{
    /// <summary>The caller is throttled; STS says <c>Throttling</c> with 400 where EC2 says <c>RequestLimitExceeded</c>.</summary>
    public static QueryError Throttling() => new(400, "Throttling", "Rate exceeded");

    /// <summary>The service failed.</summary>
    public static QueryError InternalFailure() =>
        new(500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.");

    /// <summary>The service is overloaded.</summary>
    public static QueryError ServiceUnavailable() =>
        new(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");

    /// <summary>The access key is not recognised.</summary>
    public static QueryError InvalidClientTokenId() =>
        new(403, "InvalidClientTokenId", "The security token included in the request is invalid.");

    /// <summary>The caller may not do this: no such role, a missing external id, or a denial.</summary>
    public static QueryError NotAuthorized(Caller caller, string action, string? resource)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var on = resource is null ? string.Empty : $" on resource: {resource}";
        return new(403, "AccessDenied", $"User: {caller.Arn} is not authorized to perform: sts:{action}{on}");
    }

    /// <summary>A parameter breaks the API's constraints.</summary>
    public static QueryError ValidationError(string parameter, string? value, string constraint) => new(
        400,
        "ValidationError",
        $"1 validation error detected: Value {(value is null ? "null" : $"'{value}'")} at '{parameter}' failed to satisfy constraint: {constraint}");
}
