using Amazon.Runtime;

namespace ClientVpnExporter.Configuration;

/// <summary>The regions the exporter reads: the configured ones, else the SDK's default region.</summary>
internal static class ConfiguredRegions
{
    /// <summary>The configured regions, else the SDK's default region (AWS_REGION, the profile).</summary>
    public static IReadOnlyList<string> Resolve(ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Regions.Count > 0)
        {
            return options.Regions.Distinct(StringComparer.Ordinal).ToList();
        }

        var fallback = FallbackRegionFactory.GetRegionEndpoint();
        return fallback is null ? [] : [fallback.SystemName];
    }
}
