using System.Globalization;
using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>The chart README's tables kept true: the values table generated from values.yaml, and the sizing table tied to the defaults and to measurement.</summary>
public sealed partial class ChartReadmeTests
{
    private static readonly string Readme = Path.Combine(RepositoryPaths.Chart, "README.md");

    [Fact]
    public void ValuesTable_IsTheOneGeneratedFromValuesYaml()
    {
        var text = File.ReadAllText(Readme);
        var start = text.IndexOf(ValuesTable.Start, StringComparison.Ordinal);
        var end = text.IndexOf(ValuesTable.End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no values table markers");
        var current = text[start..(end + ValuesTable.End.Length)];
        var generated = ValuesTable.Generate();

        if (current != generated && Environment.GetEnvironmentVariable("UPDATE_CHART_README") == "1")
        {
            File.WriteAllText(Readme, text.Replace(current, generated, StringComparison.Ordinal));
            current = generated;
        }

        Assert.True(current == generated, "README.md's values table differs from values.yaml; run this test with UPDATE_CHART_README=1 to rewrite it.\n" + generated);
    }

    [Fact]
    public void EveryValue_HasAHelmDocsDescriptionInValuesYaml()
    {
        var descriptions = ValuesTable.Descriptions();

        var undocumented = ChartValues.DocumentedPaths().Where(p => !descriptions.ContainsKey(p)).ToList();

        Assert.True(undocumented.Count == 0, "values without a '# --' description in values.yaml: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void SizingTable_FirstRowIsTheChartsDefaultResources()
    {
        var rows = SizingRows();
        var resources = ChartValues.Load()["resources"]!;

        Assert.Contains("(the chart's defaults)", rows[0].MetricSet, StringComparison.Ordinal);
        Assert.Equal(rows[0].Request, (string?)resources["requests"]!["memory"]);
        Assert.Equal(rows[0].Limit, (string?)resources["limits"]!["memory"]);
        Assert.Equal(rows[0].Cpu, (string?)resources["requests"]!["cpu"]);
        Assert.Null(resources["limits"]!["cpu"]);
    }

    [Fact]
    public void SizingTable_EveryRequestIsAboveItsMeasuredPeak_AndEveryLimitAQuarterAboveIt()
    {
        foreach (var row in SizingRows())
        {
            Assert.True(Bytes(row.Request) >= row.PeakMegabytes * 1e6, $"{row.Fleet} {row.MetricSet}: request {row.Request} below the measured {row.PeakMegabytes} MB");
            Assert.True(Bytes(row.Limit) >= 1.25 * row.PeakMegabytes * 1e6, $"{row.Fleet} {row.MetricSet}: limit {row.Limit} less than 25% above the measured {row.PeakMegabytes} MB");
        }
    }

    [Fact]
    public void SizingTable_LargeFleetPeaks_AreTheOnesDocsPerformanceMeasured()
    {
        // The chart sizes the shipped form: the AOT build's large-fleet table, in docs/performance.md's issue-11 section.
        var performance = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "performance.md"));
        var section = performance.IndexOf(FootprintSection, StringComparison.Ordinal);
        Assert.True(section >= 0, $"docs/performance.md has no section '{FootprintSection}'");
        var steady = PeakRow().Match(performance, section);
        var churn = ChurnPeak().Match(performance, section);
        Assert.True(steady.Success, "docs/performance.md's footprint section has no AOT peak resident memory row");
        var large = SizingRows().Where(r => r.Fleet.StartsWith("large", StringComparison.Ordinal)).ToDictionary(r => r.MetricSet, StringComparer.Ordinal);

        Assert.Equal(double.Parse(steady.Groups[1].Value, CultureInfo.InvariantCulture), large["default"].PeakMegabytes);
        Assert.Equal(double.Parse(steady.Groups[2].Value, CultureInfo.InvariantCulture), large["per-user"].PeakMegabytes);
        // Per-connection: the higher of the steady state and the churn run, where the AOT build was measured with churn.
        var perConnection = double.Parse(steady.Groups[3].Value, CultureInfo.InvariantCulture);
        Assert.Equal(
            churn.Success ? Math.Max(perConnection, double.Parse(churn.Groups[1].Value, CultureInfo.InvariantCulture)) : perConnection,
            large["per-connection"].PeakMegabytes);
    }

    [Theory]
    [InlineData("docs/runbook.md")]
    [InlineData("docs/alerts.md")]
    [InlineData("docs/dashboards.md")]
    [InlineData("helm/clientvpn-exporter/README.md")]
    public void Documentation_NamesOnlyValuesThatExist(string file)
    {
        var values = ChartValues.Load();
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, file));

        var missing = DocumentedValue().Matches(text)
            .Select(m => m.Groups[1].Value)
            .Where(path => { ChartValues.At(values, path, out var found); return !found; })
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, $"{file} names values the chart does not have: " + string.Join(", ", missing));
    }

    private static List<(string Fleet, string MetricSet, double PeakMegabytes, string Request, string Limit, string Cpu)> SizingRows()
    {
        var rows = SizingRow().Matches(File.ReadAllText(Readme))
            .Select(m => (m.Groups["fleet"].Value, m.Groups["set"].Value.Trim(), double.Parse(m.Groups["peak"].Value, CultureInfo.InvariantCulture), m.Groups["request"].Value, m.Groups["limit"].Value, m.Groups["cpu"].Value))
            .ToList();
        Assert.Equal(6, rows.Count);
        return rows;
    }

    private static double Bytes(string quantity) => quantity.EndsWith("Mi", StringComparison.Ordinal)
        ? double.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024 * 1024
        : double.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024 * 1024 * 1024;

    [GeneratedRegex(@"(?m)^\| (?<fleet>(small|large), [^|]+) \| (?<set>[^|]+) \| (?<peak>[0-9.]+) MB \| (?<request>[0-9]+[MG]i) \| (?<limit>[0-9]+[MG]i) \| (?<cpu>[0-9]+m) \|$")]
    private static partial Regex SizingRow();

    private const string FootprintSection = "## Footprint and CPU (issue 11)";

    // The e2e benchmark's steady table of the AOT build alone (`--builds aot`): one column per metric set.
    [GeneratedRegex(@"\| peak resident memory \(VmHWM\) \| ([0-9.]+) MB \| ([0-9.]+) MB \| ([0-9.]+) MB \|")]
    private static partial Regex PeakRow();

    [GeneratedRegex(@"Churn, per-connection detail, Aot build:[^\n]*peak resident memory ([0-9.]+) MB")]
    private static partial Regex ChurnPeak();

    [GeneratedRegex(@"`((?:config|prometheusRule|serviceMonitor|serviceAccount|networkPolicy|dashboards|podDisruptionBudget|resources|image|service|web|persistence)\.[A-Za-z0-9_.]*[A-Za-z0-9_])")]
    private static partial Regex DocumentedValue();
}
