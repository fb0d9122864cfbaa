using System.Globalization;
using System.Text.RegularExpressions;

namespace ClientVpnExporter.Configuration;

/// <summary>Which shard this exporter is: the configured index, or the ordinal ending the host name, as a StatefulSet names its pods.</summary>
internal static partial class ShardIndex
{
    /// <summary>
    /// The host name <c>auto</c> reads: <c>HOSTNAME</c>, which the kubelet sets to the pod's name, else the machine's name
    /// (the same in a pod, which the kubelet names after the pod too).
    /// </summary>
    public static string HostName() =>
        Environment.GetEnvironmentVariable("HOSTNAME") is { Length: > 0 } hostName ? hostName : Environment.MachineName;

    /// <summary>
    /// The shard index <paramref name="options"/> give, with <paramref name="hostName"/> for <c>auto</c>; or, when it cannot be
    /// found or is out of range, the problem in one line naming the setting.
    /// </summary>
    public static (int Index, string? Problem) Resolve(ShardingOptions options, string hostName)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string setting = ExporterOptions.SectionName + ":Sharding:Index";
        var range = $"0 to {options.Shards - 1}";
        if (string.Equals(options.Index, ShardingOptions.AutoIndex, StringComparison.OrdinalIgnoreCase))
        {
            var match = Ordinal().Match(hostName ?? "");
            if (!match.Success || !int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
            {
                return (-1, $"{setting} is auto, but the host name '{SettingsSchema.Shown(hostName ?? "")}' does not end in -N, as a StatefulSet's pods are named; set the index (0 to {options.Shards - 1}).");
            }

            return ordinal < options.Shards
                ? (ordinal, null)
                : (-1, $"{setting} is auto and the host name '{SettingsSchema.Shown(hostName!)}' gives {ordinal}, but it must be {range} for ClientVpn:Sharding:Shards={options.Shards}.");
        }

        return int.TryParse(options.Index, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < options.Shards
            ? (index, null)
            : (-1, $"{setting} must be {range} or auto (got '{SettingsSchema.Shown(options.Index ?? "")}').");
    }

    [GeneratedRegex("-([0-9]{1,9})$")]
    private static partial Regex Ordinal();
}
