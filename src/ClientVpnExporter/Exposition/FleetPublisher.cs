using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Holds what scrapes serve: <see cref="Current"/>, an immutable <see cref="FleetRendering"/> replaced whole by each
/// <see cref="Publish"/>. A scrape reads it once, so it serves one view from start to end; nothing waits on a poll and
/// nothing of an earlier view is served once Publish has returned.
/// <para>
/// Publish renders and compresses, on the publishing (poll's) thread and before the swap, each format scrapes asked
/// for within <see cref="DemandWindow"/>, so no scrape waits for it: one render and one compression per format and
/// publish, whatever the number of scrapes. A format not asked for lately costs nothing until a scrape asks for it. A
/// publish that leaves every endpoint's reading as it was (the health loop's, an early-down one's) compresses only the
/// small endpoint-level part again and shares the per-user and per-connection member (<see cref="FleetRendering"/>).
/// </para>
/// </summary>
internal sealed class FleetPublisher : IFleetPublisher
{
    /// <summary>
    /// How long a format stays worth compressing at publish after a scrape asked for it: longer than any useful scrape
    /// interval (Prometheus takes a series for gone 5 minutes after its last sample).
    /// </summary>
    public static readonly TimeSpan DemandWindow = TimeSpan.FromMinutes(10);

    private const long NeverAsked = long.MinValue;

    private readonly IReadOnlyList<MetricFamily> families;
    private readonly DateTimeOffset startedAt;
    private readonly TimeProvider timeProvider;

    /// <summary>When a scrape last asked for each format (<see cref="TimeProvider.GetTimestamp"/>), by <see cref="ExpositionFormat"/>.</summary>
    private readonly long[] lastAsked = [NeverAsked, NeverAsked];
    private volatile FleetRendering current;

    public FleetPublisher(IOptions<ExporterOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var settings = options.Value;
        this.families = FamilyCatalog.Build(settings.PerUserMetrics, settings.PerConnectionMetrics, new PrivateLabels(settings.Privacy));

        // The counters start from zero (or the state file's totals) when the exporter starts: OpenMetrics' _created.
        this.startedAt = timeProvider.GetUtcNow();
        this.timeProvider = timeProvider;
        this.current = new FleetRendering(FleetView.Empty, this.families, this.startedAt);
    }

    /// <summary>The families served, in order.</summary>
    public IReadOnlyList<MetricFamily> Families => this.families;

    /// <summary>The latest published view, ready to serve.</summary>
    public FleetRendering Current => this.current;

    /// <summary>The format <paramref name="format"/> is served: compress it at the next publishes.</summary>
    public void Asked(ExpositionFormat format) => Volatile.Write(ref this.lastAsked[(int)format], this.timeProvider.GetTimestamp());

    public void Publish(FleetView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var rendering = new FleetRendering(view, this.families, this.startedAt, this.current);
        foreach (var format in (ReadOnlySpan<ExpositionFormat>)[ExpositionFormat.PrometheusText, ExpositionFormat.OpenMetrics])
        {
            var asked = Volatile.Read(ref this.lastAsked[(int)format]);
            if (asked != NeverAsked && this.timeProvider.GetElapsedTime(asked) <= DemandWindow)
            {
                rendering.Gzip(format);
            }
        }

        this.current = rendering;
    }
}
