namespace ClientVpnExporter.Exposition;

/// <summary>
/// One published <see cref="FleetView"/> with what scrapes need of it: the fleet part of <c>/metrics</c> in each
/// format, rendered and compressed at most once into one gzip member (the view never changes, so every scrape until
/// the next publish serves the same member: as it is for gzip, inflated for a plain answer). The publisher has the
/// formats scrapes ask for compressed before it makes the rendering current; another format is compressed by the
/// first scrape that asks for it. In OpenMetrics the fleet part ends with the response's only <c># EOF</c>.
/// </summary>
internal sealed class FleetRendering
{
    /// <summary>How much a rendering buffers before handing it on: few large writes, memory bounded by the largest endpoint.</summary>
    private const int ChunkSize = 1 << 16;

    private static readonly byte[] OpenMetricsEnd = "# EOF\n"u8.ToArray();

    private readonly IReadOnlyList<MetricFamily> families;
    private readonly DateTimeOffset createdAt;
    private readonly Lazy<GzipMember> text;
    private readonly Lazy<GzipMember> openMetrics;
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
        this.text = new(() => this.Compress(ExpositionFormat.PrometheusText), LazyThreadSafetyMode.ExecutionAndPublication);
        this.openMetrics = new(() => this.Compress(ExpositionFormat.OpenMetrics), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public FleetView View { get; }

    /// <summary>How many times this rendering rendered and compressed its fleet part: at most once per format.</summary>
    public long Compressions => Interlocked.Read(ref this.compressions);

    /// <summary>The fleet part in <paramref name="format"/> as one gzip member (RFC 1952), made on first use.</summary>
    public GzipMember Gzip(ExpositionFormat format) => this.MemberOf(format).Value;

    /// <summary>The bytes of <paramref name="format"/>'s member, or 0 while it is not made.</summary>
    public long CachedBytes(ExpositionFormat format) => this.MemberOf(format) is { IsValueCreated: true } member ? member.Value.Length : 0;

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

    private Lazy<GzipMember> MemberOf(ExpositionFormat format) => format == ExpositionFormat.OpenMetrics ? this.openMetrics : this.text;

    private GzipMember Compress(ExpositionFormat format)
    {
        Interlocked.Increment(ref this.compressions);
        return GzipMember.Compress(this.Chunks(format));
    }
}
