using System.Text.RegularExpressions;

namespace ClientVpnSimulator.Regions;

/// <summary>
/// The commercial AWS regions the simulator knows: those AWS enables in every account, and the opt-in ones an
/// account must enable first (launched since March 2019). What <c>DescribeRegions</c> calls a region's <c>optInStatus</c>
/// follows from which list it is in.
/// </summary>
internal static partial class RegionCatalog
{
    /// <summary>An enabled region that needs no opt-in.</summary>
    public const string OptInNotRequired = "opt-in-not-required";

    /// <summary>An opt-in region the account enabled.</summary>
    public const string OptedIn = "opted-in";

    /// <summary>An opt-in region the account has not enabled.</summary>
    public const string NotOptedIn = "not-opted-in";

    /// <summary>The regions enabled in every account, in AWS's order.</summary>
    public static IReadOnlyList<string> EnabledByDefault { get; } =
    [
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
        "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    ];

    /// <summary>The opt-in regions: not enabled unless the account enables them.</summary>
    public static IReadOnlyList<string> OptIn { get; } =
    [
        "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ca-west-1", "eu-central-2", "eu-south-1",
        "eu-south-2", "il-central-1", "me-central-1", "me-south-1",
    ];

    /// <summary>Whether <paramref name="region"/> has the form of a region name, such as <c>us-east-1</c>.</summary>
    public static bool IsRegionName(string? region) => region is not null && RegionPattern().IsMatch(region);

    /// <summary>Whether <paramref name="region"/> is an opt-in region.</summary>
    public static bool IsOptIn(string region) => OptIn.Contains(region, StringComparer.Ordinal);

    /// <summary>The <c>optInStatus</c> of <paramref name="region"/> in an account that has, or has not, enabled it.</summary>
    public static string OptInStatus(string region, bool enabled) =>
        !IsOptIn(region) ? OptInNotRequired : enabled ? OptedIn : NotOptedIn;

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex RegionPattern();
}
