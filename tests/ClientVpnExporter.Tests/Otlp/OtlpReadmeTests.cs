using System.Reflection;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Otlp;

namespace ClientVpnExporter.Tests.Otlp;

/// <summary>
/// The README's OpenTelemetry section against the code: a row of its settings table for every variable
/// <see cref="OtlpSettings"/> reads and every <c>ClientVpn:Otlp</c> setting, and a Collector configuration example.
/// </summary>
public class OtlpReadmeTests
{
    [Fact]
    public void Readme_OpenTelemetrySection_HasARowForEveryVariableAndSettingAndACollectorExample()
    {
        var section = OpenTelemetrySection();
        var rows = section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal) || line.StartsWith("| | `", StringComparison.Ordinal)).ToList();
        var variables = typeof(OtlpSettings).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.Name.EndsWith("Variable", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();
        var settings = typeof(OtlpOptions).GetProperties().Select(property => property.Name).ToList();

        Assert.True(variables.Count >= 12, string.Join(", ", variables));
        Assert.All(variables, variable => Assert.Contains(rows, row => row.Contains($"`{variable}`", StringComparison.Ordinal)
            || (variable.StartsWith("OTEL_EXPORTER_OTLP_METRICS_", StringComparison.Ordinal) && row.Contains($"`…_{variable["OTEL_EXPORTER_OTLP_".Length..]}`", StringComparison.Ordinal))));
        Assert.All(settings, setting => Assert.Contains(rows, row => row.Split('|')[2].Contains($"`{setting}`", StringComparison.Ordinal)));

        // The Collector configuration: the otlp receiver into a prometheus exporter (or a vendor's), and how to start the exporter against it.
        Assert.Contains("```yaml\nreceivers:\n  otlp:", section, StringComparison.Ordinal);
        Assert.Contains("\nexporters:\n  prometheus:", section, StringComparison.Ordinal);
        Assert.Contains("receivers: [otlp]", section, StringComparison.Ordinal);
        Assert.Contains("OTEL_METRICS_EXPORTER=prometheus,otlp OTEL_EXPORTER_OTLP_ENDPOINT=", section, StringComparison.Ordinal);
    }

    private static string OpenTelemetrySection()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Exporter.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var readme = File.ReadAllText(Path.Combine(directory.FullName, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n## OpenTelemetry\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no OpenTelemetry section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }
}
