namespace ClientVpnExporter.Tests.Support;

/// <summary>
/// The process and runtime families (<c>process_*</c>, <c>dotnet_*</c>, the memory limit, the scrape cache's bytes): they
/// are read at each scrape (CPU time, memory, GC, the gzip members made so far), so two scrapes of one poll differ in them and a capture made before they existed lacks them.
/// Comparisons of what the polls put on <c>/metrics</c> leave them out.
/// </summary>
internal static class ReadAtScrape
{
    private static readonly string[] Prefixes = ["process_", "dotnet_", "clientvpn_exporter_memory_limit_bytes", "clientvpn_exporter_scrape_cache_bytes"];

    /// <summary>True for a sample, TYPE, UNIT or HELP line of a process or runtime family.</summary>
    public static bool IsProcessOrRuntime(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var name = line.StartsWith("# ", StringComparison.Ordinal) && line.Length > 7 ? line[7..] : line;
        return Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>The lines of <paramref name="body"/> without the process and runtime families.</summary>
    public static IEnumerable<string> Without(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.Split('\n').Where(line => !IsProcessOrRuntime(line));
    }
}
