namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>
/// The metric names the exporter's source creates. A counter appears on /metrics only after its first
/// event (a parse error, a retry, a throttle), so a healthy scrape does not show every name a rule or
/// panel may rightly use; the source says whether the name is real.
/// </summary>
internal static class ExporterInstruments
{
    private static readonly Lazy<string> Source = new(() => string.Join(
        '\n',
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "ClientVpnExporter"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText)));

    /// <summary>
    /// Whether the source creates an instrument the Prometheus exporter publishes as <paramref name="name"/>:
    /// the instrument name is the Prometheus name less <c>_total</c>, the histogram suffixes and the unit suffix.
    /// </summary>
    public static bool Declares(string name) => Candidates(name).Any(c => Source.Value.Contains($"\"{c}\"", StringComparison.Ordinal));

    /// <summary>
    /// Whether a healthy scrape may lack <paramref name="name"/> although the exporter creates it: a counter before its
    /// first event, or the container's memory limit on a machine where the exporter runs under none (this one, say).
    /// </summary>
    public static bool MayBeAbsentFromAHealthyScrape(string name) =>
        Declares(name) && (name.EndsWith("_total", StringComparison.Ordinal) || name == "clientvpn_exporter_memory_limit_bytes");

    private static List<string> Candidates(string name)
    {
        var bases = new List<string> { name };
        foreach (var suffix in new[] { "_total", "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                bases.Add(name[..^suffix.Length]);
            }
        }

        foreach (var candidate in bases.ToList())
        {
            foreach (var unit in new[] { "_seconds", "_bytes" })
            {
                if (candidate.EndsWith(unit, StringComparison.Ordinal))
                {
                    bases.Add(candidate[..^unit.Length]);
                }
            }
        }

        return bases;
    }
}
