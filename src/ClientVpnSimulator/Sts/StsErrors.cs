using ClientVpnSimulator.Accounts;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Sts;

/// <summary>The errors STS answers, with its codes and words.</summary>
internal static class StsErrors
{
    /// <summary>The caller may not do this: no such role, a missing external id, or a denial.</summary>
    public static QueryError NotAuthorized(Caller caller, string action, string? resource)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return AwsService.Sts.Unauthorized(caller, action, resource);
    }
}
