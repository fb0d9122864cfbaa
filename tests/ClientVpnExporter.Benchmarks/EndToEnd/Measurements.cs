using ClientVpnExporter.Benchmarks.Micro;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>What one exporter configuration measured between two polls of a frozen fleet.</summary>
internal sealed record SteadyResult
{
    public required Detail Detail { get; init; }

    public required long Listed { get; init; }

    /// <summary>The first poll, right after start (JIT, connection set-up, DryRun permission checks).</summary>
    public required TimeSpan FirstPoll { get; init; }

    /// <summary>The second poll, by the exporter's own histogram.</summary>
    public required TimeSpan Poll { get; init; }

    /// <summary>Time the second poll's requests waited for the API budget, summed over requests.</summary>
    public required TimeSpan BudgetWait { get; init; }

    /// <summary>CPU time the exporter process used during the second poll.</summary>
    public required TimeSpan PollCpu { get; init; }

    public required long Calls { get; init; }

    public required long MinimumCalls { get; init; }

    public required long Samples { get; init; }

    public required long Bytes { get; init; }

    public required bool Overflow { get; init; }

    public required IReadOnlyList<TimeSpan> ScrapeLatencies { get; init; }

    /// <summary>Resident memory after the scrapes and the second poll.</summary>
    public required long Resident { get; init; }

    public required long PeakResident { get; init; }

    /// <summary>Share of one core the exporter used with neither a poll nor a scrape running.</summary>
    public required double IdleCpu { get; init; }

    /// <summary>True when a poll started while scrapes or the idle window were being measured.</summary>
    public required bool PollOverlapped { get; init; }

    public TimeSpan ScrapeP50 => Percentile(0.50);

    public TimeSpan ScrapeP99 => Percentile(0.99);

    private TimeSpan Percentile(double p)
    {
        var sorted = this.ScrapeLatencies.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>The exporter after some simulated hours of churn.</summary>
internal sealed record ChurnSample(double Hour, long Listed, long Samples, long Bytes, bool Overflow, long Resident, TimeSpan Scrape, long Polls, double PollSeconds);

/// <summary>The churn run: its samples, and how it went.</summary>
internal sealed record ChurnResult(IReadOnlyList<ChurnSample> Samples, double StepMinutes, TimeSpan MeanPoll, long Polls, TimeSpan Elapsed, long PeakResident);
