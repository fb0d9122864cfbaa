using System.Globalization;
using System.Text;
using ClientVpnExporter.Benchmarks.Micro;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>The results table in Markdown, with each target's verdict.</summary>
internal static class Report
{
    public static string Render(
        E2eOptions options, MachineInfo before, MachineInfo after, SimulatorTruth fleet, IReadOnlyList<SmallFleetResult> small, IReadOnlyList<SteadyResult> steady, ChurnResult? churn, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        Line(text, $"Machine: {before.Describe()}; load average at the end {after.LoadText}. Took {elapsed.TotalMinutes:0.0} min.");
        Line(text, "");
        Line(text, $"Fleet: {options.Endpoints} endpoints × {options.Connections:N0} active connections, {options.ChurnPerHour:N0} sessions ending per endpoint per hour: {fleet.Listed:N0} listed connections in one poll.");
        Line(text, "");
        var extra = string.Join(" ", options.ExporterEnvironment.Select(e => $"{e.Key}={e.Value}").Concat(options.ExporterArguments));
        Line(text, $"Exporter: API budget 100/s, burst 100; scrape settings as shipped (fleet part rendered and compressed at publish, no response cache for the own metrics); logging at Warning{(extra.Length > 0 ? "; also " + extra : "")}.");
        Line(text, "");
        foreach (var build in options.Builds)
        {
            Line(text, $"- {ExporterBuilds.Describe(build, options)}");
        }

        Line(text, "");
        SmallFleet(text, options, small);
        if (steady.Count > 0)
        {
            Line(text, $"| steady state (clock frozen, second poll) | {string.Join(" | ", steady.Select(s => $"{Name(s.Detail)}, {s.Build}"))} | target |");
            Line(text, $"| --- |{string.Concat(steady.Select(_ => " ---: |"))} --- |");
            Row(text, steady, "poll, wall time: exporter's histogram (seen from outside)", s => $"{Seconds(s.Poll)} ({Seconds(s.PollObserved)})", "< 2 s without budget waits");
            Row(text, steady, "… of which waiting for API budget (sum over requests)", s => Seconds(s.BudgetWait), "");
            Row(text, steady, "poll, exporter CPU time (discovery call to quiet; the poll alone unless other calls overlapped it)", s => Seconds(s.PollCpu), "≤ 1.0 s / 1.5 s default / per-user");
            Row(text, steady, "poll, simulator CPU time (same 2 cores)", s => Seconds(s.SimulatorCpu), "");
            Row(text, steady, "start to ready / first poll (cold)", s => $"{Seconds(s.ToReady)} / {Seconds(s.FirstPoll)}", "");
            Row(text, steady, "API calls of the connections poll / minimum (discovery and connection pages)", s => $"{s.Calls} / {s.MinimumCalls}", "= minimum");
            Row(text, steady, "other API calls while the poll ran (health reads)", s => $"{s.OtherCalls}", "");
            Row(text, steady, "first health cycle's API calls (after ready, before the poll)", s => $"{s.HealthCallsByAction.Values.Sum()}", "");
            Row(text, steady, "/metrics samples", s => s.Scrape.Succeeded ? s.Scrape.Samples.ToString("N0", CultureInfo.InvariantCulture) : $"HTTP {s.Scrape.Status}", "");
            Row(text, steady, "/metrics size: text / gzip on the wire", s => s.Scrape.Succeeded ? $"{Size(s.Scrape.Bytes)} / {Size(s.Scrapes.FirstOrDefault(x => x.Succeeded)?.WireBytes ?? 0)}" : $"HTTP {s.Scrape.Status}", "");
            Row(text, steady, $"/metrics p50 / p99, {options.Scrapers} concurrent scrapers, gzip", s => Latencies(s.Scrapes), "p99 ≤ 2 ms / 20 ms / 150 ms");
            Row(text, steady, "… exporter CPU / allocated per gzip scrape", s => PerScrape(s.Scrapes, s.ScrapesCpu), "");
            Row(text, steady, "… slowest 1 % of gzip scrapes: how many had a GC pause by the next scrape, mean pause / the others'", s => SlowestAndGc(s.Scrapes), "");
            Row(text, steady, $"/metrics p50 / p99, {options.Scrapers} concurrent scrapers, identity", s => Latencies(s.PlainScrapes), "");
            Row(text, steady, "… exporter CPU / allocated per identity scrape", s => PerScrape(s.PlainScrapes, s.PlainScrapesCpu), "");
            Row(text, steady, "resident memory after poll and scrapes", s => Megabytes(s.Resident), "");
            Row(text, steady, "peak resident memory (VmHWM)", s => Megabytes(s.PeakResident), "≤ 150 / 180 / 250 MB");
            Row(text, steady, "CPU between polls (share of one core)", s => s.IdleCpu.ToString("P2", CultureInfo.InvariantCulture), "≤ 0.2 %");
            Row(text, steady, "overflow series / next poll overlapped the idle window", s => $"{YesNo(s.Scrapes.Concat(s.PlainScrapes).Any(x => x.Overflow) || s.Scrape.Overflow)} / {YesNo(s.PollOverlapped)}", "no / no");
            Line(text, "");
        }

        if (churn is not null)
        {
            Line(text, $"Churn, per-connection detail, {options.Builds[0]} build: {options.Hours:0.##} simulated hours in steps of {churn.StepMinutes:0.##} simulated minutes, one poll after each (polls back to back, 1 s interval); {churn.Polls} polls, one every {Seconds(churn.MeanPoll)}; took {churn.Elapsed.TotalMinutes:0.0} min; peak resident memory {Megabytes(churn.PeakResident)}.");
            Line(text, "");
            Line(text, "| simulated hour | listed connections | resident memory | /metrics samples | /metrics size | scrape time | overflow |");
            Line(text, "| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var s in churn.Samples)
            {
                var scrape = s.Scrape switch
                {
                    null => "| | | | |",
                    { Succeeded: true } x => $"| {x.Samples:N0} | {Megabytes(x.Bytes)} | {Millis(x.Latency)} | {YesNo(x.Overflow)} |",
                    var x => $"| HTTP {x.Status} | | {Millis(x.Latency)} | |",
                };
                Line(text, $"| {s.Hour:0.##} | {s.Listed:N0} | {Megabytes(s.Resident)} {scrape}");
            }

            Line(text, "");
        }

        Line(text, "Targets:");
        Line(text, "");
        foreach (var verdict in SmallFleetVerdicts(small).Concat(Verdicts(steady, churn)))
        {
            Line(text, $"- {verdict}");
        }

        return text.ToString();
    }

    private static IEnumerable<string> Verdicts(IReadOnlyList<SteadyResult> steady, ChurnResult? churn)
    {
        foreach (var s in steady)
        {
            var name = $"{Name(s.Detail)}, {s.Build}";
            var exporterTime = (s.Poll ?? s.PollObserved) - (s.BudgetWait ?? TimeSpan.Zero);
            // The budget wait is a sum over requests, which overlap; with calls of other loops waiting in it (the
            // connection log's bucket), it can exceed the poll, and the difference says nothing.
            yield return s.OtherCalls > 0 || exporterTime < TimeSpan.Zero
                ? $"{name}: poll without budget waits {Seconds(exporterTime)} < 2 s: not a verdict ({s.OtherCalls} other calls overlapped the poll, budget waits {Seconds(s.BudgetWait ?? TimeSpan.Zero)} summed over requests)"
                : $"{name}: poll without budget waits {Seconds(exporterTime)} < 2 s: {Against(exporterTime.TotalSeconds, 2)}";
            yield return $"{name}: API calls of the connections poll {s.Calls} = minimum {s.MinimumCalls}: {(s.Calls == s.MinimumCalls ? "met" : "MISSED")}";
            var limit = s.Detail switch
            {
                Detail.PerUser => 0.02,
                Detail.PerConnection => 0.15,
                _ => 0.002,
            };
            yield return s.FailedScrapes > 0
                ? $"{name}: /metrics p99, gzip, < {limit * 1000:0} ms: MISSED ({s.FailedScrapes} of {s.Scrapes.Count} scrapes failed: HTTP {s.Scrapes.First(x => !x.Succeeded).Status})"
                : $"{name}: /metrics p99, gzip, {Millis(s.ScrapeP99)} < {limit * 1000:0} ms: {Against(s.ScrapeP99.TotalSeconds, limit)}";
            var peak = s.Detail switch
            {
                Detail.PerUser => 180,
                Detail.PerConnection => 250,
                _ => 150,
            };
            yield return $"{name}: peak resident memory {Megabytes(s.PeakResident)} ≤ {peak} MB: {Against(s.PeakResident / 1e6, peak)}";
            if (s.Detail != Detail.PerConnection)
            {
                var cpu = s.Detail == Detail.PerUser ? 1.5 : 1.0;
                yield return s.OtherCalls == 0
                    ? $"{name}: poll, exporter CPU {Seconds(s.PollCpu)} ≤ {cpu:0.0} s: {Against(s.PollCpu.TotalSeconds, cpu)}"
                    : $"{name}: poll, exporter CPU {Seconds(s.PollCpu)} ≤ {cpu:0.0} s: not a verdict ({s.OtherCalls} health calls overlapped the poll, their CPU is in it)";
            }

            yield return $"{name}: CPU between polls {s.IdleCpu:P2} ≤ 0.2 %: {Against(s.IdleCpu, 0.002)}";
        }

        var afterFirstHour = churn?.Samples.Where(s => s.Hour >= 1 - 1e-9).ToList() ?? [];
        if (afterFirstHour.Count > 0)
        {
            var reference = afterFirstHour[0];
            var rss = afterFirstHour.Max(s => Math.Abs(s.Resident - reference.Resident) / (double)reference.Resident);
            yield return $"churn: resident memory within {rss:P1} of hour {reference.Hour:0.##} ({Megabytes(afterFirstHour.Min(s => s.Resident))} … {Megabytes(afterFirstHour.Max(s => s.Resident))}), target 10 %: {Against(rss, 0.10)}";
            var scraped = afterFirstHour.Where(s => s.Scrape is not null).Select(s => s.Scrape!).ToList();
            if (scraped.Count > 0 && scraped.All(s => s.Succeeded))
            {
                var series = scraped.Max(s => Math.Abs(s.Samples - scraped[0].Samples) / (double)scraped[0].Samples);
                yield return $"churn: series within {series:P1} of the first sample after hour 1 ({scraped.Min(s => s.Samples):N0} … {scraped.Max(s => s.Samples):N0}), target 10 %: {Against(series, 0.10)}";
                yield return $"churn: overflow series: {(scraped.Any(s => s.Overflow) ? "MISSED (an otel_metric_overflow series appeared)" : "met (none)")}";
            }
            else if (scraped.Count > 0)
            {
                yield return $"churn: series and overflow: not measurable, /metrics failed ({scraped.Count(s => !s.Succeeded)} of {scraped.Count} scrapes: HTTP {scraped.First(s => !s.Succeeded).Status})";
            }
        }
    }

    private static void SmallFleet(StringBuilder text, E2eOptions options, IReadOnlyList<SmallFleetResult> small)
    {
        if (small.Count == 0 || options.SmallFleet is not { } fleet)
        {
            return;
        }

        Line(text, $"Small fleet, default metrics, on a simulator of its own: {fleet.Endpoints} endpoints × {fleet.Connections:N0} active connections, no churn: {small[0].Listed:N0} listed connections.");
        Line(text, "");
        Line(text, $"| small fleet | {string.Join(" | ", small.Select(s => s.Build))} | target |");
        Line(text, $"| --- |{string.Concat(small.Select(_ => " ---: |"))} --- |");
        Line(text, $"| start to ready (process start to /readyz, first poll included) | {string.Join(" | ", small.Select(s => Seconds(s.ToReady)))} | ≤ 0.5 s |");
        Line(text, $"| resident memory after scrapes and the idle window | {string.Join(" | ", small.Select(s => Megabytes(s.Resident)))} | ≤ 40 MB |");
        Line(text, $"| peak resident memory (VmHWM) | {string.Join(" | ", small.Select(s => Megabytes(s.PeakResident)))} | |");
        Line(text, $"| CPU between polls (share of one core) | {string.Join(" | ", small.Select(s => s.IdleCpu.ToString("P2", CultureInfo.InvariantCulture)))} | ≤ 0.2 % |");
        Line(text, "");
    }

    private static IEnumerable<string> SmallFleetVerdicts(IReadOnlyList<SmallFleetResult> small)
    {
        foreach (var s in small)
        {
            yield return $"small fleet, {s.Build}: start to ready {Seconds(s.ToReady)} ≤ 0.5 s: {Against(s.ToReady.TotalSeconds, 0.5)}";
            yield return $"small fleet, {s.Build}: resident memory {Megabytes(s.Resident)} ≤ 40 MB: {Against(s.Resident / 1e6, 40)}";
            yield return $"small fleet, {s.Build}: CPU between polls {s.IdleCpu:P2} ≤ 0.2 %: {Against(s.IdleCpu, 0.002)}";
        }
    }

    private static string Against(double value, double limit) =>
        value <= limit
            ? FormattableString.Invariant($"met ({(value <= 0 ? "∞" : (limit / value).ToString("0.0", CultureInfo.InvariantCulture))}× under)")
            : FormattableString.Invariant($"MISSED ({value / limit:0.0}× over)");

    private static void Row(StringBuilder text, IReadOnlyList<SteadyResult> steady, string name, Func<SteadyResult, string> cell, string target) =>
        Line(text, $"| {name} | {string.Join(" | ", steady.Select(cell))} | {target} |");

    private static string Name(Detail detail) => detail switch
    {
        Detail.PerUser => "per-user",
        Detail.PerConnection => "per-connection",
        _ => "default",
    };

    private static string Seconds(TimeSpan? t) => t is { } value ? FormattableString.Invariant($"{value.TotalSeconds:0.00} s") : "n/a";

    private static string Latencies(IReadOnlyList<MetricsScrape> scrapes)
    {
        var failures = scrapes.Count(x => !x.Succeeded);
        var failed = failures == 0 ? "" : FormattableString.Invariant($", {failures} failed: HTTP {scrapes.First(x => !x.Succeeded).Status}");
        return $"{Millis(SteadyResult.Percentile(scrapes, 0.50))} / {Millis(SteadyResult.Percentile(scrapes, 0.99))} ({scrapes.Count} scrapes{failed})";
    }

    /// <summary>The exporter's CPU time over the scrapes' window per scrape, and its allocation per scrape.</summary>
    private static string PerScrape(IReadOnlyList<MetricsScrape> scrapes, TimeSpan cpu)
    {
        var perScrape = scrapes.Count == 0 ? TimeSpan.Zero : cpu / scrapes.Count;
        var allocated = SteadyResult.AllocatedPerScrape(scrapes) is { } bytes ? FormattableString.Invariant($"{bytes / 1024:0} KB") : "n/a";
        return $"{Millis(perScrape, precise: true)} / {allocated}";
    }

    /// <summary>
    /// Of the slowest 1 % of <paramref name="scrapes"/> (at least one): how many saw the exporter pause for a collection
    /// before their scraper's next scrape, and the mean pause then, against the other scrapes' mean.
    /// </summary>
    private static string SlowestAndGc(IReadOnlyList<MetricsScrape> scrapes)
    {
        var measured = scrapes.Where(s => s.GcPauseUntilNext is not null).OrderByDescending(s => s.Latency).ToList();
        if (measured.Count == 0)
        {
            return "n/a";
        }

        var slowest = measured.Take(Math.Max(1, measured.Count / 100)).ToList();
        var others = measured.Skip(slowest.Count).ToList();
        static string Mean(List<MetricsScrape> list) => list.Count == 0 ? "n/a" : Millis(TimeSpan.FromSeconds(list.Average(s => s.GcPauseUntilNext!.Value)), precise: true);
        return $"{slowest.Count(s => s.GcPauseUntilNext > 0)} of {slowest.Count}, {Mean(slowest)} / {Mean(others)}";
    }

    private static string Millis(TimeSpan t, bool precise = false) =>
        precise && t.TotalMilliseconds < 10 ? FormattableString.Invariant($"{t.TotalMilliseconds:0.00} ms") : FormattableString.Invariant($"{t.TotalMilliseconds:0} ms");

    private static string Megabytes(long bytes) => FormattableString.Invariant($"{bytes / 1e6:0.#} MB");

    /// <summary>Megabytes, or kilobytes below one megabyte (a default gzip answer is a few).</summary>
    private static string Size(long bytes) => bytes < 1_000_000 ? FormattableString.Invariant($"{bytes / 1e3:0.#} KB") : Megabytes(bytes);

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
