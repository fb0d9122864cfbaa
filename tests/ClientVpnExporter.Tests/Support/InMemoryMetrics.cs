using ClientVpnExporter.Configuration;
using ClientVpnExporter.Exposition;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Tests.Support;

/// <summary>
/// The exporter's <see cref="FleetPublisher"/> with the families the options switch on, and what a scrape of its current
/// rendering reads: the text format as <c>/metrics</c> writes it, parsed back into points.
/// </summary>
internal sealed class InMemoryMetrics : IDisposable
{
    public InMemoryMetrics(ExporterOptions? options = null)
    {
        this.Metrics = new FleetPublisher(Options.Create(options ?? new ExporterOptions()), TimeProvider.System);
    }

    public FleetPublisher Metrics { get; }

    /// <summary>The current rendering in the text format, as the fleet part of <c>/metrics</c>.</summary>
    public string Render()
    {
        using var output = new MemoryStream();
        foreach (var chunk in this.Metrics.Current.Chunks(ExpositionFormat.PrometheusText))
        {
            output.Write(chunk.Span);
        }

        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>
    /// Renders once and returns every sample as (family name, labels, value), by the instrument name the family had
    /// in OpenTelemetry (<c>clientvpn_ingress</c>, not <c>clientvpn_ingress_bytes_total</c>), without the scope labels.
    /// A histogram counts as its <c>_count</c>.
    /// </summary>
    public List<(string Name, Dictionary<string, string> Tags, double Value)> Collect()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var family in this.Metrics.Families)
        {
            var sampleName = family.Kind switch
            {
                FamilyKind.Counter => family.BaseName + "_total",
                FamilyKind.Histogram => family.BaseName + "_count",
                _ => family.BaseName,
            };
            names[sampleName] = family.Name;
        }

        var points = new List<(string, Dictionary<string, string>, double)>();
        foreach (var sample in PrometheusText.Parse(this.Render()))
        {
            if (names.TryGetValue(sample.Name, out var name))
            {
                var tags = sample.Labels.Where(l => !l.Key.StartsWith("otel_scope_", StringComparison.Ordinal)).ToDictionary(l => l.Key, l => l.Value);
                points.Add((name, tags, sample.Value));
            }
        }

        return points;
    }

    public void Dispose()
    {
    }
}
