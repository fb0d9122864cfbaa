using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Tests.Support;

/// <summary>
/// What the health loop (issue 12) adds to <c>/metrics</c>: its families, and the self-metric series of its AWS calls and
/// permission checks. It runs on its own cadence, so whether a scrape already has them depends on timing, and a capture
/// made before it existed lacks them: comparisons of what the polls put on <c>/metrics</c> leave them out.
/// </summary>
internal static class HealthSeries
{
    private static readonly string[] Families = [.. HealthFamilies.All().Select(f => f.BaseName)];

    private static readonly string[] Operations =
    [
        "DescribeClientVpnTargetNetworks", "DescribeClientVpnAuthorizationRules", "DescribeClientVpnRoutes",
        "ExportClientVpnClientCertificateRevocationList", "DescribeCertificate", "GetSAMLProvider",
    ];

    /// <summary>True for a sample, TYPE, UNIT or HELP line of a health family, or a self-metric sample of a health read.</summary>
    public static bool Is(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var name = line.StartsWith("# ", StringComparison.Ordinal) && line.Length > 7 ? line[7..] : line;
        return Families.Any(family => name.StartsWith(family + " ", StringComparison.Ordinal) || name.StartsWith(family + "{", StringComparison.Ordinal))
            || (line.StartsWith("clientvpn_exporter_", StringComparison.Ordinal)
                && Operations.Any(operation => line.Contains($"operation=\"{operation}\"", StringComparison.Ordinal) || line.Contains($":{operation}\"", StringComparison.Ordinal)));
    }
}
