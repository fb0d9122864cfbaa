using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>AWS Organizations' errors: JSON 1.1, HTTP 400 unless said, their text in <c>Message</c> as its model has it.</summary>
internal static class OrganizationsErrors
{
    /// <summary>An error of code <paramref name="code"/>, written as Organizations writes its errors.</summary>
    public static QueryError Of(int statusCode, string code, string message) => new(statusCode, code, message) { JsonMessageMember = "Message" };

    /// <summary>The caller is neither the management account nor a delegated administrator.</summary>
    public static QueryError AccessDenied() => Of(400, "AccessDeniedException", "You don't have permissions to access this resource.");

    /// <summary>The caller's account is not in an organisation.</summary>
    public static QueryError NotInUse() =>
        Of(400, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");

    /// <summary>A parameter is out of its range or malformed.</summary>
    public static QueryError InvalidInput(string message) => Of(400, "InvalidInputException", message);

    /// <summary>The caller is throttled.</summary>
    public static QueryError TooManyRequests() => Of(
        400, "TooManyRequestsException", "You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.");

    /// <summary>The service failed.</summary>
    public static QueryError ServiceException(int statusCode) =>
        Of(statusCode, "ServiceException", "AWS Organizations can't complete your request because of an internal service error. Try again later.");

    /// <summary>No account of the organisation has that id.</summary>
    public static QueryError AccountNotFound() => Of(400, "AccountNotFoundException", "You specified an account that doesn't exist.");

    /// <summary>No root or OU has that id.</summary>
    public static QueryError ParentNotFound() => Of(400, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");

    /// <summary>No account or OU has that id.</summary>
    public static QueryError ChildNotFound() => Of(400, "ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");

    /// <summary>No root, OU or account has that id.</summary>
    public static QueryError TargetNotFound() => Of(400, "TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
}
