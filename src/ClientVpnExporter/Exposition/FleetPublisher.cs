using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Holds what scrapes serve: <see cref="Current"/>, an immutable <see cref="FleetRendering"/> replaced whole by each
/// <see cref="Publish"/>. A scrape reads it once, so it serves one view from start to end; nothing waits on a poll and
/// nothing of an earlier view is served once Publish has returned.
/// </summary>
internal sealed class FleetPublisher : IFleetPublisher
{
    private readonly IReadOnlyList<MetricFamily> families;
    private readonly DateTimeOffset startedAt;
    private volatile FleetRendering current;

    public FleetPublisher(IOptions<ExporterOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var settings = options.Value;
        this.families = FamilyCatalog.Build(settings.PerUserMetrics, settings.PerConnectionMetrics, new PrivateLabels(settings.Privacy));

        // The counters start from zero (or the state file's totals) when the exporter starts: OpenMetrics' _created.
        this.startedAt = timeProvider.GetUtcNow();
        this.current = new FleetRendering(FleetView.Empty, this.families, this.startedAt);
    }

    /// <summary>The families served, in order.</summary>
    public IReadOnlyList<MetricFamily> Families => this.families;

    /// <summary>The latest published view, ready to serve.</summary>
    public FleetRendering Current => this.current;

    public void Publish(FleetView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        this.current = new FleetRendering(view, this.families, this.startedAt);
    }
}
