using System.Text.RegularExpressions;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>The forms Organizations' ids take in requests, checked as AWS checks them before looking them up.</summary>
internal static partial class OrganizationIds
{
    /// <summary>The value of the required <paramref name="name"/>, which must match <paramref name="pattern"/>.</summary>
    /// <exception cref="QueryErrorException">It is absent or malformed: <c>InvalidInputException</c>.</exception>
    public static string Require(QueryRequest request, string name, Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pattern);
        var value = request.Get(name) ?? throw new QueryErrorException(OrganizationsErrors.InvalidInput($"You must specify {name}."));
        return pattern.IsMatch(value) ? value : throw new QueryErrorException(OrganizationsErrors.InvalidInput($"You specified an invalid value for {name}: {value}."));
    }

    /// <summary>A root or an OU.</summary>
    [GeneratedRegex("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")]
    public static partial Regex Parent();

    /// <summary>An account or an OU.</summary>
    [GeneratedRegex("^([0-9]{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")]
    public static partial Regex Child();

    /// <summary>A root, an OU or an account (or a policy, which the simulator has none of).</summary>
    [GeneratedRegex("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|[0-9]{12}|p-[0-9a-zA-Z_]{8,128})$")]
    public static partial Regex Resource();
}
