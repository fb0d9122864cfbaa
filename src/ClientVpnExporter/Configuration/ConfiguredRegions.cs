using Amazon.Runtime;

namespace ClientVpnExporter.Configuration;

/// <summary>The regions the exporter reads: the configured ones, else the SDK's default region; or every enabled one.</summary>
internal static class ConfiguredRegions
{
    /// <summary>The one item of <see cref="ExporterOptions.Regions"/> that asks for every region DescribeRegions lists as enabled in each account.</summary>
    public const string All = "all";

    /// <summary>The region of the global services (Organizations) and of DescribeRegions when no region is configured and the SDK has none.</summary>
    public const string FallbackHomeRegion = "us-east-1";

    /// <summary>Whether <see cref="ExporterOptions.Regions"/> asks for every enabled region.</summary>
    public static bool AreAll(ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Regions.Count == 1 && string.Equals(options.Regions[0], All, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The configured regions, else the SDK's default region (AWS_REGION, the profile); none when every enabled region is asked for.</summary>
    public static IReadOnlyList<string> Resolve(ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (AreAll(options))
        {
            return [];
        }

        if (options.Regions.Count > 0)
        {
            return options.Regions.Distinct(StringComparer.Ordinal).ToList();
        }

        var fallback = FallbackRegionFactory.GetRegionEndpoint();
        return fallback is null ? [] : [fallback.SystemName];
    }

    /// <summary>
    /// Where the exporter calls Organizations and DescribeRegions from: the first configured region, else the SDK's default
    /// region, else us-east-1 (enabled in every account of the aws partition).
    /// </summary>
    public static string Home(ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return AreAll(options)
            ? FallbackRegionFactory.GetRegionEndpoint()?.SystemName ?? FallbackHomeRegion
            : Resolve(options) is [var first, ..] ? first : FallbackHomeRegion;
    }
}
