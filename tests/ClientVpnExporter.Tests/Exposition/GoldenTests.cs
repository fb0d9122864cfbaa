using System.Globalization;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.Tests.Exposition;

/// <summary>
/// <c>/metrics</c> against the capture made before the exposition was redesigned (Golden/README.md): the same families,
/// TYPE/UNIT/HELP lines, sample names, label sets (in their order) and values, in both formats.
/// </summary>
public class GoldenTests
{
    [Theory]
    [InlineData(false, "text-base.txt")]
    [InlineData(true, "openmetrics-base.txt")]
    public async Task Golden_BothFormats_SameFamiliesLabelsAndValuesAsBase(bool openMetrics, string golden)
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 40, ChurnPerHour = 300, Seed = 4 },
            "--ClientVpn:PerUserMetrics=true",
            "--ClientVpn:PerConnectionMetrics=true");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(30));
        await harness.PollAsync();

        var (served, _) = await MetricsScrape.GetAsync(harness.Http, openMetrics, gzip: false);
        var expected = Masked(await File.ReadAllTextAsync(Path.Combine(GoldenFolder(), golden)));
        var actual = Masked(served);

        Assert.Contains(expected, l => l.StartsWith("clientvpn_session_duration_seconds_bucket{", StringComparison.Ordinal));
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// Every line but target_info's, sorted (the order of label sets within a family may differ), with what depends on
    /// when and where the capture ran masked: <c>_created</c> and timestamp values, the self metrics that measure
    /// elapsed time, <c>otel_scope_version</c>, and the self metrics' <c>otel_scope_name</c> (their meters are renamed).
    /// </summary>
    private static List<string> Masked(string exposition)
    {
        var lines = new List<string>();
        foreach (var line in exposition.Split('\n'))
        {
            // The process and runtime families came after the capture, and are read at each scrape.
            // So did the health loop's families and calls (issue 12), which run on a cadence of their own, and the
            // sharding families (issue 15), and the connection log's families and calls (issue 16).
            if (line.Length == 0 || ReadAtScrape.IsProcessOrRuntime(line) || HealthSeries.Is(line) || AttemptSeries.Is(line) || IsShardFamily(line) || line.Contains("target_info", StringComparison.Ordinal) || line.StartsWith("# TYPE target ", StringComparison.Ordinal) || line.StartsWith("# HELP target ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line[0] == '#')
            {
                lines.Add(line);
                continue;
            }

            var sample = PrometheusText.Parse(line).Single();
            var self = sample.Name.StartsWith("clientvpn_exporter_", StringComparison.Ordinal);
            var labels = sample.Labels.Select(l => l.Key switch
            {
                "otel_scope_version" => $"{l.Key}=*",
                "otel_scope_name" when self => $"{l.Key}=*",
                _ => $"{l.Key}=\"{l.Value}\"",
            });
            var maskValue = sample.Name.EndsWith("_created", StringComparison.Ordinal)
                || sample.Name.Contains("_timestamp_seconds", StringComparison.Ordinal)
                || sample.Name.StartsWith("clientvpn_exporter_poll_duration_seconds", StringComparison.Ordinal)
                || sample.Name.StartsWith("clientvpn_exporter_budget_wait_seconds", StringComparison.Ordinal);
            lines.Add($"{sample.Name}{{{string.Join(',', labels)}}} {(maskValue ? "*" : sample.Value.ToString(CultureInfo.InvariantCulture))}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static bool IsShardFamily(string line) =>
        ShardFamilies.Any(name => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal)
            || line.StartsWith("# TYPE " + name + " ", StringComparison.Ordinal) || line.StartsWith("# HELP " + name + " ", StringComparison.Ordinal));

    private static readonly string[] ShardFamilies = ["clientvpn_exporter_targets", "clientvpn_exporter_targets_seen", "clientvpn_exporter_shard_info"];

    private static string GoldenFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var golden = Path.Combine(folder.FullName, "tests", "ClientVpnExporter.Tests", "Exposition", "Golden");
            if (Directory.Exists(golden))
            {
                return golden;
            }
        }

        throw new DirectoryNotFoundException("tests/ClientVpnExporter.Tests/Exposition/Golden was not found above the test binaries.");
    }
}
