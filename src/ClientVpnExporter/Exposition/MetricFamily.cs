using System.Globalization;
using System.Text;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// One metric family of <c>/metrics</c>: its name, unit, help and type, which endpoints it reports on, and how one
/// endpoint's samples are written. Names are given as OpenTelemetry named the instruments: a unit of <c>By</c> adds
/// <c>_bytes</c>, <c>s</c> adds <c>_seconds</c>, and counters are sampled as <c>_total</c>, exactly as the Prometheus
/// exporter spells them.
/// </summary>
internal sealed class MetricFamily
{
    public MetricFamily(
        string name,
        string unit,
        string description,
        FamilyKind kind,
        FamilyEndpoints endpoints,
        bool openTelemetryLabels,
        Action<EndpointView, ISampleWriter> write,
        IReadOnlyList<double>? bucketBounds = null,
        bool detail = false)
    {
        this.Name = name;
        this.Unit = unit;
        this.Description = description;
        this.Kind = kind;
        this.Endpoints = endpoints;
        this.OpenTelemetryLabels = openTelemetryLabels;
        this.Detail = detail;
        this.Write = write;

        var unitSuffix = unit switch
        {
            "By" => "bytes",
            "s" => "seconds",
            _ => null,
        };
        this.BaseName = unitSuffix is null ? name : $"{name}_{unitSuffix}";
        var type = kind switch
        {
            FamilyKind.Counter => "counter",
            FamilyKind.Histogram => "histogram",
            _ => "gauge",
        };
        var help = description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        var textName = kind == FamilyKind.Counter ? this.BaseName + "_total" : this.BaseName;
        this.TextHeader = Encoding.UTF8.GetBytes($"# TYPE {textName} {type}\n# HELP {textName} {help}\n");
        this.OpenMetricsHeader = Encoding.UTF8.GetBytes(
            $"# TYPE {this.BaseName} {type}\n" + (unitSuffix is null ? "" : $"# UNIT {this.BaseName} {unitSuffix}\n") + $"# HELP {this.BaseName} {help}\n");
        this.SampleName = Encoding.UTF8.GetBytes(textName);
        this.BucketName = Encoding.UTF8.GetBytes(this.BaseName + "_bucket");
        this.SumName = Encoding.UTF8.GetBytes(this.BaseName + "_sum");
        this.CountName = Encoding.UTF8.GetBytes(this.BaseName + "_count");
        this.CreatedName = Encoding.UTF8.GetBytes(this.BaseName + "_created");
        this.BucketBounds = bucketBounds ?? [];
        this.TextBounds = [.. this.BucketBounds.Select(b => Encoding.UTF8.GetBytes(b.ToString(CultureInfo.InvariantCulture)))];

        // OpenMetrics wants a float for le; the Prometheus exporter writes whole bounds with ".0".
        this.OpenMetricsBounds = [.. this.BucketBounds.Select(b => Encoding.UTF8.GetBytes(
            b == Math.Floor(b) ? b.ToString("0.0", CultureInfo.InvariantCulture) : b.ToString(CultureInfo.InvariantCulture)))];
    }

    /// <summary>The instrument name OpenTelemetry knew the family by, before the unit and type suffixes.</summary>
    public string Name { get; }

    /// <summary>The UCUM unit: <c>By</c> and <c>s</c> become name suffixes and OpenMetrics <c># UNIT</c> lines.</summary>
    public string Unit { get; }

    public string Description { get; }

    public FamilyKind Kind { get; }

    public FamilyEndpoints Endpoints { get; }

    /// <summary>
    /// True for the families the OpenTelemetry SDK used to write: their samples carry <c>otel_scope_name</c> and
    /// <c>otel_scope_version</c>, and in OpenMetrics their counters and histograms have <c>_created</c> samples, as before.
    /// </summary>
    public bool OpenTelemetryLabels { get; }

    /// <summary>
    /// True for the per-user and per-connection families, whose label sets come and go with sessions: what the OTLP push
    /// carries only where the SDK reclaims unused points.
    /// </summary>
    public bool Detail { get; }

    /// <summary>Writes one endpoint's samples; called only for the endpoints <see cref="Endpoints"/> selects.</summary>
    public Action<EndpointView, ISampleWriter> Write { get; }

    /// <summary>The family name with its unit suffix: what OpenMetrics' TYPE line names.</summary>
    public string BaseName { get; }

    public byte[] TextHeader { get; }

    public byte[] OpenMetricsHeader { get; }

    /// <summary>The name of gauge and counter samples (<c>_total</c> for counters).</summary>
    public byte[] SampleName { get; }

    public byte[] BucketName { get; }

    public byte[] SumName { get; }

    public byte[] CountName { get; }

    public byte[] CreatedName { get; }

    /// <summary>A histogram's bucket upper bounds, without <c>+Inf</c>; empty for other kinds.</summary>
    public IReadOnlyList<double> BucketBounds { get; }

    /// <summary>The <c>le</c> values of <see cref="BucketBounds"/> in the text format.</summary>
    public IReadOnlyList<byte[]> TextBounds { get; }

    /// <summary>The <c>le</c> values of <see cref="BucketBounds"/> in OpenMetrics.</summary>
    public IReadOnlyList<byte[]> OpenMetricsBounds { get; }

    /// <summary>The endpoints of <paramref name="view"/> this family writes samples for.</summary>
    public IEnumerable<EndpointView> EndpointsIn(FleetView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        foreach (var endpoint in view.Endpoints)
        {
            var wanted = this.Endpoints switch
            {
                FamilyEndpoints.All => true,
                FamilyEndpoints.WithReading => endpoint.Reading is not null,
                FamilyEndpoints.WithHealth => endpoint.Health is not null,
                FamilyEndpoints.WithAttempts => endpoint.Attempts?.LastSuccess is not null,
                FamilyEndpoints.WithHealthOrAttempts => endpoint.Health is not null || endpoint.Attempts?.LastSuccess is not null,
                _ => endpoint.Reading is not null && !endpoint.Stale,
            };
            if (wanted)
            {
                yield return endpoint;
            }
        }
    }
}
