using System.IO.Compression;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// One published <see cref="FleetView"/> with what scrapes need of it: the fleet part of <c>/metrics</c> in either
/// format, streamed from the view for a plain answer, and compressed at most once per format for gzip (the view never
/// changes, so every gzip scrape until the next publish sends the same member). In OpenMetrics the fleet part ends with
/// the response's only <c># EOF</c>.
/// </summary>
internal sealed class FleetRendering
{
    /// <summary>How much a rendering buffers before handing it on: few large writes, memory bounded by the largest endpoint.</summary>
    private const int ChunkSize = 1 << 16;

    private static readonly byte[] OpenMetricsEnd = "# EOF\n"u8.ToArray();

    private readonly IReadOnlyList<MetricFamily> families;
    private readonly DateTimeOffset createdAt;
    private readonly Lazy<byte[]> textGzip;
    private readonly Lazy<byte[]> openMetricsGzip;
    private long compressions;

    /// <param name="view">What is rendered.</param>
    /// <param name="families">The families, in the order they are written.</param>
    /// <param name="createdAt">The value of OpenMetrics' <c>_created</c> samples: when this exporter began counting.</param>
    public FleetRendering(FleetView view, IReadOnlyList<MetricFamily> families, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(families);
        this.View = view;
        this.families = families;
        this.createdAt = createdAt;
        this.textGzip = new(() => this.Compress(ExpositionFormat.PrometheusText), LazyThreadSafetyMode.ExecutionAndPublication);
        this.openMetricsGzip = new(() => this.Compress(ExpositionFormat.OpenMetrics), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public FleetView View { get; }

    /// <summary>How many times this rendering compressed its fleet part: at most once per format.</summary>
    public long Compressions => Interlocked.Read(ref this.compressions);

    /// <summary>The fleet part as one gzip member (RFC 1952), made by the first scrape that asks for it in this format.</summary>
    public byte[] Gzip(ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics ? this.openMetricsGzip.Value : this.textGzip.Value;

    /// <summary>Streams the fleet part in <paramref name="format"/> to <paramref name="output"/>, one chunk at a time.</summary>
    public async Task WriteAsync(ExpositionFormat format, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var chunk in this.Chunks(format))
        {
            await output.WriteAsync(chunk, cancellationToken);
        }
    }

    /// <summary>The fleet part in <paramref name="format"/>, in chunks; each is valid until the next is asked for.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Chunks(ExpositionFormat format)
    {
        var writer = new ExpositionWriter(format, this.createdAt);
        foreach (var family in this.families)
        {
            writer.BeginFamily(family);
            foreach (var endpoint in family.EndpointsIn(this.View))
            {
                family.Write(endpoint, writer);
                if (writer.Pending.Length >= ChunkSize)
                {
                    yield return writer.Pending;
                    writer.Clear();
                }
            }
        }

        if (format == ExpositionFormat.OpenMetrics)
        {
            writer.WriteRaw(OpenMetricsEnd);
        }

        yield return writer.Pending;
    }

    private byte[] Compress(ExpositionFormat format)
    {
        Interlocked.Increment(ref this.compressions);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            foreach (var chunk in this.Chunks(format))
            {
                gzip.Write(chunk.Span);
            }
        }

        return compressed.ToArray();
    }
}
