using System.IO.Pipelines;
using System.Text;
using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Writes the per-user and per-connection families of a snapshot to <c>/metrics</c>, after what the Prometheus
/// exporter wrote. They do not go through OpenTelemetry instruments, for three reasons measured on a fleet of
/// 200,000 listed connections (docs/performance.md): the SDK never frees the slot of a label set that went away, so
/// connection ids and users that churn forever would need ever new instruments; every scrape would copy a million
/// measurements into the SDK only to serialize them; and the Prometheus exporter gives up (HTTP 500) on a response
/// over 100 MiB. The values are the ledger's own, already exact and monotonic; this only serializes them, one
/// endpoint at a time, flushing as it goes, so memory does not grow with the response.
/// </summary>
internal sealed class DetailExposition
{
    private readonly IReadOnlyList<PreparedFamily> families;

    public DetailExposition(IOptions<ExporterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        this.families = [.. DetailSeriesCatalog.Build(settings.PerUserMetrics, settings.PerConnectionMetrics, new PrivateLabels(settings.Privacy)).Select(f => new PreparedFamily(f))];
    }

    /// <summary>The families switched on; none unless per-user or per-connection detail is.</summary>
    public IEnumerable<DetailFamily> Families => this.families.Select(f => f.Family);

    /// <summary>True when neither per-user nor per-connection detail is switched on.</summary>
    public bool IsEmpty => this.families.Count == 0;

    /// <summary>Writes every detail family of <paramref name="snapshot"/>; returns the bytes written.</summary>
    public async Task<long> WriteAsync(FleetView snapshot, ExpositionFormat format, PipeWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new SampleLineWriter(output);
        foreach (var prepared in this.families)
        {
            writer.WriteRaw(format == ExpositionFormat.OpenMetrics ? prepared.OpenMetricsHeader : prepared.TextHeader);
            writer.BeginSamples(prepared.SampleName);
            foreach (var (endpointId, reading) in prepared.Family.ReadingsIn(snapshot))
            {
                prepared.Family.Write(endpointId, reading, writer);
                writer.Drain();
                var flushed = await output.FlushAsync(cancellationToken);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    // The scraper went away; nobody reads the rest.
                    return writer.Written;
                }
            }
        }

        writer.Drain();
        return writer.Written;
    }

    /// <summary>A family with its names and header lines encoded once.</summary>
    private sealed class PreparedFamily
    {
        public PreparedFamily(DetailFamily family)
        {
            this.Family = family;
            var unitSuffix = family.Unit switch
            {
                "By" => "bytes",
                "s" => "seconds",
                _ => null,
            };
            var baseName = unitSuffix is null ? family.Name : $"{family.Name}_{unitSuffix}";
            var counter = family.Kind == SeriesKind.LongCounter;
            var type = counter ? "counter" : "gauge";
            var help = family.Description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            var sampleName = counter ? baseName + "_total" : baseName;

            this.SampleName = Encoding.UTF8.GetBytes(sampleName);
            this.TextHeader = Encoding.UTF8.GetBytes($"# TYPE {sampleName} {type}\n# HELP {sampleName} {help}\n");
            this.OpenMetricsHeader = Encoding.UTF8.GetBytes(
                $"# TYPE {baseName} {type}\n" + (unitSuffix is null ? "" : $"# UNIT {baseName} {unitSuffix}\n") + $"# HELP {baseName} {help}\n");
        }

        public DetailFamily Family { get; }

        public byte[] SampleName { get; }

        public byte[] TextHeader { get; }

        public byte[] OpenMetricsHeader { get; }
    }
}
