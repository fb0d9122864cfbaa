using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Polling;

/// <summary>How the polls go: each completed poll by outcome, how long it took, and whether it outlasted its interval.</summary>
internal sealed class PollMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly Histogram<double> duration;
    private readonly Counter<long> polls;
    private readonly Counter<long> overruns;

    public PollMetrics(IMeterFactory meterFactory)
    {
        this.meter = ExporterMeter.Create(meterFactory, ExporterMeter.Polling);
        this.duration = this.meter.CreateHistogram(
            "clientvpn_exporter_poll_duration",
            unit: "s",
            description: "Time taken by one poll of every endpoint, discovery included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        this.polls = this.meter.CreateCounter<long>(
            "clientvpn_exporter_polls",
            unit: "{poll}",
            description: "Polls completed, by outcome: success when every endpoint was read, partial when some failed, failure when none was.");
        this.overruns = this.meter.CreateCounter<long>(
            "clientvpn_exporter_poll_overruns",
            unit: "{poll}",
            description: "Polls that took longer than the poll interval, delaying the next one.");
    }

    public void Overrun() => this.overruns.Add(1);

    /// <param name="duration">How long the poll took.</param>
    /// <param name="outcome"><c>success</c>, <c>partial</c> or <c>failure</c>.</param>
    public void Completed(TimeSpan duration, string outcome)
    {
        this.duration.Record(duration.TotalSeconds);
        this.polls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Dispose() => this.meter.Dispose();
}
