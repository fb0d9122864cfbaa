using ClientVpnExporter.Configuration;
using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Tests.Support;

/// <summary>
/// The lines of an exposition that come from the connection log reads (issue 16), which run on a cadence of their own:
/// the attempt families, and the self metrics of those reads (events by outcome, FilterLogEvents calls, malformed
/// entries, the logs:FilterLogEvents permission).
/// </summary>
internal static class AttemptSeries
{
    private static readonly string[] Families =
    [
        .. AttemptFamilies.Endpoint().Concat(AttemptFamilies.User(new PrivateLabels(new PrivacyOptions())))
            .SelectMany(f => new[] { f.BaseName, f.BaseName + "_total" }),
        "clientvpn_exporter_connection_log_events_total",
    ];

    /// <summary>True for a sample, TYPE, UNIT or HELP line of an attempt family, or a self-metric sample of a connection log read.</summary>
    public static bool Is(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var name = line.StartsWith("# ", StringComparison.Ordinal) && line.Length > 7 ? line[7..] : line;
        return Families.Any(family => name.StartsWith(family + " ", StringComparison.Ordinal) || name.StartsWith(family + "{", StringComparison.Ordinal))
            || name.StartsWith("clientvpn_exporter_connection_log_events", StringComparison.Ordinal)
            || (line.StartsWith("clientvpn_", StringComparison.Ordinal)
                && (line.Contains("operation=\"FilterLogEvents\"", StringComparison.Ordinal) || line.Contains("logs:FilterLogEvents", StringComparison.Ordinal)
                    || line.Contains("field=\"connection_log_event\"", StringComparison.Ordinal) || line.Contains("resource=\"connection_log\"", StringComparison.Ordinal)));
    }
}
