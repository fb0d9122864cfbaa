namespace ClientVpnExporter.Exposition;

/// <summary>
/// Some of a rendering's families (the endpoint-level and health ones, or the per-user and per-connection ones) over
/// one <see cref="FleetView"/>, rendered and compressed at most once per format into one gzip member. A later
/// rendering whose view gives these families the same input shares the part, member and all, instead of compressing
/// the same bytes again (<see cref="FleetRendering"/>).
/// </summary>
internal sealed class FleetPart
{
    /// <summary>How much a rendering buffers before handing it on: few large writes, memory bounded by the largest endpoint.</summary>
    private const int ChunkSize = 1 << 16;

    private readonly FleetView view;
    private readonly IReadOnlyList<MetricFamily> families;
    private readonly DateTimeOffset createdAt;
    private readonly Lazy<GzipMember> text;
    private readonly Lazy<GzipMember> openMetrics;
    private long compressions;

    public FleetPart(FleetView view, IReadOnlyList<MetricFamily> families, DateTimeOffset createdAt)
    {
        this.view = view;
        this.families = families;
        this.createdAt = createdAt;
        this.text = new(() => this.Compress(ExpositionFormat.PrometheusText), LazyThreadSafetyMode.ExecutionAndPublication);
        this.openMetrics = new(() => this.Compress(ExpositionFormat.OpenMetrics), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>True when the part has no family to write: it adds nothing to an answer.</summary>
    public bool IsEmpty => this.families.Count == 0;

    /// <summary>How many times this part was compressed: at most once per format, however many renderings share it.</summary>
    public long Compressions => Interlocked.Read(ref this.compressions);

    /// <summary>The part in <paramref name="format"/> as one gzip member, made on first use.</summary>
    public GzipMember Gzip(ExpositionFormat format) => this.MemberOf(format).Value;

    /// <summary>True once <paramref name="format"/>'s member is made.</summary>
    public bool IsCompressed(ExpositionFormat format) => this.MemberOf(format).IsValueCreated;

    /// <summary>The part in <paramref name="format"/>, in chunks; each is valid until the next is asked for.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Chunks(ExpositionFormat format)
    {
        var writer = new ExpositionWriter(format, this.createdAt);
        foreach (var family in this.families)
        {
            writer.BeginFamily(family);
            foreach (var endpoint in family.EndpointsIn(this.view))
            {
                family.Write(endpoint, writer);
                if (writer.Pending.Length >= ChunkSize)
                {
                    yield return writer.Pending;
                    writer.Clear();
                }
            }
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
