using Amazon;

namespace ClientVpnExporter.Configuration;

/// <summary>
/// Warns about region names the AWS SDK does not know. Only a warning: a region newer than the SDK is real, and the
/// validator has already refused names that are not region-shaped.
/// </summary>
internal static partial class RegionNames
{
    public static void WarnAboutUnknown(ExporterOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var known = RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).ToHashSet(StringComparer.Ordinal);
        var lists = options.Accounts.Select((account, i) => ($"{ExporterOptions.SectionName}:Accounts:{i}:Regions", account.Regions))
            .Prepend(($"{ExporterOptions.SectionName}:Regions", ConfiguredRegions.AreAll(options) ? [] : options.Regions));
        foreach (var (setting, regions) in lists)
        {
            for (var i = 0; i < regions.Count; i++)
            {
                if (!known.Contains(regions[i]))
                {
                    var nearest = known.MinBy(name => NearestName.Distance(name, regions[i]));
                    LogUnknownRegion(logger, $"{setting}:{i}", regions[i], nearest);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} '{Region}' is not a region this AWS SDK knows (did you mean {Nearest}?); it is read anyway, in case the region is newer than the SDK.")]
    private static partial void LogUnknownRegion(ILogger logger, string setting, string region, string? nearest);
}
