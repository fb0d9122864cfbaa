namespace ClientVpnExporter.Exposition;

/// <summary>
/// One published <see cref="FleetView"/> with what scrapes need of it: the fleet part of <c>/metrics</c> in each
/// format, rendered and compressed at most once (the view never changes, so every scrape until the next publish serves
/// the same bytes: as they are for gzip, inflated for a plain answer). The publisher has the formats scrapes ask for
/// compressed before it makes the rendering current; another format is compressed by the first scrape that asks for it.
/// In OpenMetrics the fleet part ends with the response's only <c># EOF</c>.
/// <para>
/// The fleet part is two gzip members back to back (RFC 1952 §2.2): the endpoint-level and health families, then the
/// per-user and per-connection ones (<see cref="MetricFamily.Detail"/>, last in the catalog). The detail families read
/// nothing of an endpoint but its id, its reading and whether it is stale, so a publish that changes none of those
/// (a health cycle's, an early-down one's) shares the previous rendering's detail member instead of compressing the
/// same megabytes again: only the small first member is made anew.
/// </para>
/// </summary>
internal sealed class FleetRendering
{
    private static readonly byte[] OpenMetricsEnd = "# EOF\n"u8.ToArray();
    private static readonly GzipMember OpenMetricsEndMember = GzipMember.Compress([OpenMetricsEnd]);

    private readonly FleetPart endpointPart;
    private readonly FleetPart detailPart;
    private readonly Lazy<GzipMember> text;
    private readonly Lazy<GzipMember> openMetrics;
    private long compressions;

    /// <param name="view">What is rendered.</param>
    /// <param name="families">The families, in the order they are written: the detail ones last.</param>
    /// <param name="createdAt">The value of OpenMetrics' <c>_created</c> samples: when this exporter began counting.</param>
    /// <param name="previous">The rendering this one replaces, whose detail part is shared when this view gives it the same input.</param>
    public FleetRendering(FleetView view, IReadOnlyList<MetricFamily> families, DateTimeOffset createdAt, FleetRendering? previous = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(families);
        this.View = view;
        this.endpointPart = new FleetPart(view, [.. families.Where(f => !f.Detail)], createdAt);
        this.detailPart = previous is not null && !previous.detailPart.IsEmpty && SameDetailInput(previous.View, view)
            ? previous.detailPart
            : new FleetPart(view, [.. families.Where(f => f.Detail)], createdAt);
        this.text = new(() => this.Compress(ExpositionFormat.PrometheusText), LazyThreadSafetyMode.ExecutionAndPublication);
        this.openMetrics = new(() => this.Compress(ExpositionFormat.OpenMetrics), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public FleetView View { get; }

    /// <summary>How many times this rendering composed its fleet part: at most once per format.</summary>
    public long Compressions => Interlocked.Read(ref this.compressions);

    /// <summary>
    /// How many times the per-user and per-connection member this rendering serves was compressed, counted over every
    /// rendering that shares it: at most once per format.
    /// </summary>
    public long DetailCompressions => this.detailPart.Compressions;

    /// <summary>The fleet part in <paramref name="format"/> as gzip members back to back, made on first use.</summary>
    public GzipMember Gzip(ExpositionFormat format) => this.MemberOf(format).Value;

    /// <summary>True once <paramref name="format"/>'s compressed fleet part is made.</summary>
    public bool IsCompressed(ExpositionFormat format) => this.MemberOf(format).IsValueCreated;

    /// <summary>The bytes of <paramref name="format"/>'s compressed fleet part, or 0 while it is not made.</summary>
    public long CachedBytes(ExpositionFormat format) => this.IsCompressed(format) ? this.Gzip(format).Length : 0;

    /// <summary>The fleet part in <paramref name="format"/>, in chunks; each is valid until the next is asked for.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Chunks(ExpositionFormat format)
    {
        foreach (var chunk in this.endpointPart.Chunks(format))
        {
            yield return chunk;
        }

        foreach (var chunk in this.detailPart.Chunks(format))
        {
            yield return chunk;
        }

        if (format == ExpositionFormat.OpenMetrics)
        {
            yield return OpenMetricsEnd;
        }
    }

    /// <summary>
    /// True when <paramref name="next"/> lists the same endpoints as <paramref name="previous"/>, in the same order, each
    /// with the same reading and attempts reading (the same objects: readings are immutable, and each poll and each
    /// connection-log read makes new ones; the per-user attempt family is detail) and staleness.
    /// </summary>
    private static bool SameDetailInput(FleetView previous, FleetView next)
    {
        if (previous.Endpoints.Count != next.Endpoints.Count)
        {
            return false;
        }

        for (var i = 0; i < next.Endpoints.Count; i++)
        {
            var (before, after) = (previous.Endpoints[i], next.Endpoints[i]);
            if (!ReferenceEquals(before.Reading, after.Reading)
                || !ReferenceEquals(before.Attempts, after.Attempts)
                || before.Stale != after.Stale
                || !string.Equals(before.Endpoint.EndpointId, after.Endpoint.EndpointId, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private Lazy<GzipMember> MemberOf(ExpositionFormat format) => format == ExpositionFormat.OpenMetrics ? this.openMetrics : this.text;

    private GzipMember Compress(ExpositionFormat format)
    {
        Interlocked.Increment(ref this.compressions);
        var members = new List<GzipMember> { this.endpointPart.Gzip(format) };
        if (!this.detailPart.IsEmpty)
        {
            members.Add(this.detailPart.Gzip(format));
        }

        if (format == ExpositionFormat.OpenMetrics)
        {
            members.Add(OpenMetricsEndMember);
        }

        return GzipMember.Join(members);
    }
}
