using ClientVpnExporter.Benchmarks.Micro;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>What one exporter configuration measured between two polls of a frozen fleet.</summary>
internal sealed record SteadyResult
{
    public required ExporterBuild Build { get; init; }

    public required Detail Detail { get; init; }

    public required long Listed { get; init; }

    /// <summary>From starting the process to <c>/readyz</c>: start-up and the first poll.</summary>
    public required TimeSpan ToReady { get; init; }

    /// <summary>The first poll (JIT, connections, DryRun permission checks), by the exporter's histogram when /metrics answered.</summary>
    public required TimeSpan? FirstPoll { get; init; }

    /// <summary>The second poll, by the exporter's own histogram when /metrics answered.</summary>
    public required TimeSpan? Poll { get; init; }

    /// <summary>The second poll from its discovery call to the exporter going quiet, as seen from outside.</summary>
    public required TimeSpan PollObserved { get; init; }

    /// <summary>Time the second poll's requests waited for the API budget, summed over requests.</summary>
    public required TimeSpan? BudgetWait { get; init; }

    /// <summary>
    /// CPU time the exporter process used during the second poll: from its discovery call to the process going quiet
    /// (pages, ledgers, publish and compression), with the first health cycle over before it began (see <see cref="OtherCalls"/>).
    /// </summary>
    public required TimeSpan PollCpu { get; init; }

    /// <summary>CPU time the simulator used answering the second poll (and the benchmark's own truth reads).</summary>
    public required TimeSpan SimulatorCpu { get; init; }

    /// <summary>The requests the simulator received, by action, from just before the second poll to its end.</summary>
    public required IReadOnlyDictionary<string, long> CallsByAction { get; init; }

    /// <summary>The requests of the first health cycle, by action: from ready until they stopped, before the second poll.</summary>
    public required IReadOnlyDictionary<string, long> HealthCallsByAction { get; init; }

    /// <summary>The connections poll's requests: discovery and connection pages.</summary>
    public long Calls => this.CallsByAction.Where(c => SimulatorTruth.IsPollAction(c.Key)).Sum(c => c.Value);

    /// <summary>Requests of other operations (health reads) made while the second poll ran; 0 when it ran alone.</summary>
    public long OtherCalls => this.CallsByAction.Where(c => !SimulatorTruth.IsPollAction(c.Key)).Sum(c => c.Value);

    public required long MinimumCalls { get; init; }

    /// <summary>A scrape right after the second poll.</summary>
    public required MetricsScrape Scrape { get; init; }

    /// <summary>The concurrent scrapes, asking for gzip as Prometheus does.</summary>
    public required IReadOnlyList<MetricsScrape> Scrapes { get; init; }

    /// <summary>CPU time the exporter used during <see cref="Scrapes"/>.</summary>
    public required TimeSpan ScrapesCpu { get; init; }

    /// <summary>The same concurrent scrapes without gzip (identity encoding), after <see cref="Scrapes"/>.</summary>
    public required IReadOnlyList<MetricsScrape> PlainScrapes { get; init; }

    /// <summary>CPU time the exporter used during <see cref="PlainScrapes"/>.</summary>
    public required TimeSpan PlainScrapesCpu { get; init; }

    /// <summary>Resident memory after the scrapes and the second poll.</summary>
    public required long Resident { get; init; }

    public required long PeakResident { get; init; }

    /// <summary>Share of one core the exporter used with neither a poll nor a scrape running.</summary>
    public required double IdleCpu { get; init; }

    /// <summary>True when the third poll started before the idle window ended.</summary>
    public required bool PollOverlapped { get; init; }

    public int FailedScrapes => this.Scrapes.Count(s => !s.Succeeded);

    public TimeSpan ScrapeP50 => Percentile(this.Scrapes, 0.50);

    public TimeSpan ScrapeP99 => Percentile(this.Scrapes, 0.99);

    public static TimeSpan Percentile(IReadOnlyList<MetricsScrape> scrapes, double p)
    {
        ArgumentNullException.ThrowIfNull(scrapes);
        var sorted = scrapes.Select(s => s.Latency).Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// Bytes the exporter allocated per scrape of <paramref name="scrapes"/>: the runtime's allocation counter as the
    /// first and the last scrape read it, over the scrapes between (which includes anything else the process did).
    /// </summary>
    public static double? AllocatedPerScrape(IReadOnlyList<MetricsScrape> scrapes)
    {
        ArgumentNullException.ThrowIfNull(scrapes);
        var readings = scrapes.Where(s => s.Succeeded).Select(s => s.Sum(MetricsScrape.AllocatedBytes)).Where(v => v > 0).ToList();
        return readings.Count < 2 ? null : (readings.Max() - readings.Min()) / (readings.Count - 1);
    }
}

/// <summary>The exporter after some simulated hours of churn; <see cref="Scrape"/> only in the hours sampled with one.</summary>
internal sealed record ChurnSample(double Hour, long Listed, long Resident, MetricsScrape? Scrape);

/// <summary>The churn run: its samples, and how it went.</summary>
internal sealed record ChurnResult(IReadOnlyList<ChurnSample> Samples, double StepMinutes, TimeSpan MeanPoll, long Polls, TimeSpan Elapsed, long PeakResident);

/// <summary>One build on the small fleet with default metrics: how soon it is ready, and how small it stays.</summary>
/// <param name="Build">The build measured.</param>
/// <param name="Listed">The connections the small fleet lists.</param>
/// <param name="ToReady">From starting the process to <c>/readyz</c>: start-up and the first poll.</param>
/// <param name="Resident">Resident memory after a round of scrapes and the idle window.</param>
/// <param name="PeakResident">The largest resident memory until then (VmHWM).</param>
/// <param name="IdleCpu">Share of one core used between polls, once quiet.</param>
internal sealed record SmallFleetResult(ExporterBuild Build, long Listed, TimeSpan ToReady, long Resident, long PeakResident, double IdleCpu);
