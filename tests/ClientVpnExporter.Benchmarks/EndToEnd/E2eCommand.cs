using System.Diagnostics;
using ClientVpnExporter.Benchmarks.Micro;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>
/// <c>e2e</c>: starts the simulator (paused at a fixed instant) and, for each metric set, the exporter, both as
/// processes of their own; measures a steady poll, concurrent scrapes, memory and idle CPU; then runs simulated
/// hours of churn with per-connection detail; and prints one table.
/// </summary>
internal static class E2eCommand
{
    private const int PageSize = 1000;
    private const string PollDurationSum = "clientvpn_exporter_poll_duration_seconds_sum";
    private const string PollDurationCount = "clientvpn_exporter_poll_duration_seconds_count";
    private const string BudgetWait = "clientvpn_exporter_budget_wait_seconds_total";
    private const string Polls = "clientvpn_exporter_polls_total";

    public static async Task<int> RunAsync(string[] args)
    {
        if (E2eOptions.Parse(args, Console.Error) is not { } options)
        {
            return 2;
        }

        if (!await ExporterBuilds.PrepareAsync(options, Console.Error, CancellationToken.None))
        {
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Read();
        Log($"machine: {machine.Describe()}");
        foreach (var build in options.Builds)
        {
            Log(ExporterBuilds.Describe(build, options));
        }

        var small = new List<SmallFleetResult>();
        if (options.SmallFleet is { } fleet)
        {
            foreach (var build in options.Builds)
            {
                small.Add(await MeasureSmallFleetAsync(build, fleet, options, CancellationToken.None));
            }
        }

        using var simulator = await SimulatorProcess.StartAsync(options, CancellationToken.None);
        var truth = await simulator.Control.TruthAsync(CancellationToken.None);
        Log($"simulator: {options.Endpoints} endpoints x {options.Connections} connections, churn {options.ChurnPerHour}/h, {truth.Listed} listed");

        var steady = new List<SteadyResult>();
        foreach (var detail in options.Modes)
        {
            foreach (var build in options.Builds)
            {
                steady.Add(await MeasureSteadyAsync(simulator, build, detail, options, CancellationToken.None));
            }
        }

        ChurnResult? churn = null;
        if (options.Hours > 0)
        {
            churn = await MeasureChurnAsync(simulator, options, CancellationToken.None);
        }

        var report = Report.Render(options, machine, MachineInfo.Read(), truth, small, steady, churn, clock.Elapsed);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report);
        }

        return 0;
    }

    /// <summary>
    /// The small fleet with default metrics, on a simulator of its own: start to ready, then a round of scrapes and
    /// the idle window, then resident memory.
    /// </summary>
    private static async Task<SmallFleetResult> MeasureSmallFleetAsync(ExporterBuild build, (int Endpoints, int Connections) fleet, E2eOptions options, CancellationToken cancellationToken)
    {
        using var simulator = await SimulatorProcess.StartAsync(options with { Endpoints = fleet.Endpoints, Connections = fleet.Connections, ChurnPerHour = 0 }, cancellationToken);
        var listed = (await simulator.Control.TruthAsync(cancellationToken)).Listed;
        var started = Stopwatch.StartNew();
        using var exporter = ExporterProcess.Start(build, simulator.BaseAddress, Detail.Default, options.PollIntervalFor(Detail.Default), options);
        await exporter.WaitReadyAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var toReady = started.Elapsed;
        await ScrapeConcurrentlyAsync(exporter, options.Scrapers, options.MinScrapes, TimeSpan.FromSeconds(1), gzip: true, cancellationToken);
        var idleCpu = await IdleCpuAsync(exporter, options, cancellationToken);
        var result = new SmallFleetResult(build, listed, toReady, ProcessStats.ResidentBytes(exporter.ProcessId), ProcessStats.PeakResidentBytes(exporter.ProcessId), idleCpu);
        Log($"small fleet, {build}: {listed} listed, ready after {toReady.TotalSeconds:0.00} s, RSS {result.Resident / 1e6:0.0} MB (peak {result.PeakResident / 1e6:0.0} MB), idle CPU {idleCpu:P2}");
        return result;
    }

    private static async Task<SteadyResult> MeasureSteadyAsync(SimulatorProcess simulator, ExporterBuild build, Detail detail, E2eOptions options, CancellationToken cancellationToken)
    {
        var pollInterval = options.PollIntervalFor(detail);
        Log($"{detail}, {build}: starting the exporter (poll interval {pollInterval.TotalSeconds} s)");
        var started = Stopwatch.StartNew();
        using var exporter = ExporterProcess.Start(build, simulator.BaseAddress, detail, pollInterval, options);
        await exporter.WaitReadyAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var toReady = started.Elapsed;
        var atReady = await simulator.Control.TruthAsync(cancellationToken);

        // One round of scrapes warms the scrape path up (JIT) and reads the first poll's duration.
        var warmUp = await ScrapeConcurrentlyAsync(exporter, options.Scrapers, 1, TimeSpan.Zero, gzip: true, cancellationToken);
        var afterFirst = warmUp.FirstOrDefault(s => s.Succeeded);
        Log($"{detail}: ready after {toReady.TotalSeconds:0.0} s; /metrics {Describe(warmUp[0])}");

        // The first health cycle starts when the first poll hands over its endpoints and reads beside it: let it end
        // (its calls stop and the process goes quiet), so that the measured poll runs alone and its CPU is its own.
        var beforeSecond = await AwaitHealthCycleAsync(simulator, exporter, atReady, cancellationToken);
        // A poll that outlasts the interval may start again meanwhile: its calls are the poll's, not the health cycle's.
        var healthCalls = beforeSecond.RequestsSince(atReady).Where(c => !SimulatorTruth.IsPollAction(c.Key)).ToDictionary(StringComparer.Ordinal);
        var beforePoll = await exporter.ScrapeAsync(cancellationToken);
        Log($"{detail}: first health cycle after ready: {Calls(healthCalls)}");

        // The second poll: it starts with discovery, makes its calls, then applies and publishes.
        Log($"{detail}: waiting for the second poll");
        var profile = StartProfile(exporter, build, options);
        var poll = await AwaitPollAsync(simulator, exporter, beforeSecond, cancellationToken);
        await StopProfileAsync(profile, options, $"{Name(detail)}-poll");
        var afterSecond = await exporter.ScrapeAsync(cancellationToken);
        var afterSecondTruth = await simulator.Control.TruthAsync(cancellationToken);
        var calls = afterSecondTruth.RequestsSince(beforeSecond);
        Log($"{detail}: the poll's calls: {Calls(calls)}");

        // Between the second poll and the third: concurrent scrapes asking for gzip as Prometheus does, the same without
        // gzip, then a quiet window.
        profile = StartProfile(exporter, build, options);
        var scrapesCpu = ProcessStats.CpuTime(exporter.ProcessId);
        var scrapes = await ScrapeConcurrentlyAsync(exporter, options.Scrapers, options.MinScrapes, options.ScrapeDuration, gzip: true, cancellationToken);
        scrapesCpu = ProcessStats.CpuTime(exporter.ProcessId) - scrapesCpu;
        await StopProfileAsync(profile, options, $"{Name(detail)}-scrapes");
        Log($"{detail}: {scrapes.Count} gzip scrapes ({scrapes.Count(s => !s.Succeeded)} failed), slowest {scrapes.Max(s => s.Latency).TotalMilliseconds:0} ms");
        var plainCpu = ProcessStats.CpuTime(exporter.ProcessId);
        var plainScrapes = await ScrapeConcurrentlyAsync(exporter, options.Scrapers, options.MinScrapes, options.ScrapeDuration, gzip: false, cancellationToken);
        plainCpu = ProcessStats.CpuTime(exporter.ProcessId) - plainCpu;
        Log($"{detail}: {plainScrapes.Count} plain scrapes ({plainScrapes.Count(s => !s.Succeeded)} failed), slowest {plainScrapes.Max(s => s.Latency).TotalMilliseconds:0} ms");
        var idleCpu = await IdleCpuAsync(exporter, options, cancellationToken);
        var afterIdle = await simulator.Control.TruthAsync(cancellationToken);
        var histogram = beforePoll.Succeeded && afterSecond.Succeeded
            && afterSecond.Sum(PollDurationCount) - beforePoll.Sum(PollDurationCount) == 1;
        var result = new SteadyResult
        {
            Build = build,
            Detail = detail,
            Listed = beforeSecond.Listed,
            ToReady = toReady,
            FirstPoll = afterFirst is null ? null : TimeSpan.FromSeconds(afterFirst.Sum(PollDurationSum)),
            Poll = histogram ? TimeSpan.FromSeconds(afterSecond.Sum(PollDurationSum) - beforePoll.Sum(PollDurationSum)) : null,
            PollObserved = poll.Wall,
            BudgetWait = histogram ? TimeSpan.FromSeconds(afterSecond.Sum(BudgetWait) - beforePoll.Sum(BudgetWait)) : null,
            PollCpu = poll.Cpu,
            SimulatorCpu = poll.SimulatorCpu,
            CallsByAction = calls,
            HealthCallsByAction = healthCalls,
            MinimumCalls = beforeSecond.MinimumCalls(PageSize),
            Scrape = afterSecond,
            Scrapes = scrapes,
            ScrapesCpu = scrapesCpu,
            PlainScrapes = plainScrapes,
            PlainScrapesCpu = plainCpu,
            Resident = ProcessStats.ResidentBytes(exporter.ProcessId),
            PeakResident = ProcessStats.PeakResidentBytes(exporter.ProcessId),
            IdleCpu = idleCpu,
            PollOverlapped = afterIdle.RequestsOf(SimulatorTruth.DescribeEndpoints) != afterSecondTruth.RequestsOf(SimulatorTruth.DescribeEndpoints),
        };
        Log($"{detail}, {build}: poll {result.PollObserved.TotalSeconds:0.00} s (CPU {poll.Cpu.TotalSeconds:0.00} s), {result.Calls} poll calls (minimum {result.MinimumCalls}), {result.OtherCalls} other calls, RSS {result.Resident / 1e6:0} MB, idle CPU {idleCpu:P2}");
        return result;
    }

    // EventPipe's sample profiler is the JIT runtime's: a Native AOT process has none (perf profiles it, docs/performance.md).
    private static CpuProfile? StartProfile(ExporterProcess exporter, ExporterBuild build, E2eOptions options)
    {
        if (options.ProfileDirectory is not { } directory || build != ExporterBuild.Jit)
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        return CpuProfile.Start(exporter.ProcessId, Path.Combine(directory, "trace.nettrace"));
    }

    private static async Task StopProfileAsync(CpuProfile? profile, E2eOptions options, string name)
    {
        if (profile is null)
        {
            return;
        }

        await using (profile)
        {
            var summary = await profile.StopAsync(top: 30);
            var path = Path.Combine(options.ProfileDirectory!, name + ".txt");
            await File.WriteAllTextAsync(path, summary);
            Log($"CPU profile of {name}: {path}");
        }
    }

    private static string Name(Detail detail) => detail switch
    {
        Detail.PerUser => "per-user",
        Detail.PerConnection => "per-connection",
        _ => "default",
    };

    private static string Describe(MetricsScrape scrape) =>
        scrape.Succeeded ? $"{scrape.Samples} samples, {scrape.Bytes / 1e6:0.0} MB" : $"HTTP {scrape.Status} after {scrape.Latency.TotalSeconds:0.0} s";

    /// <summary>
    /// Waits for the next poll after <paramref name="before"/>: its discovery call, then all its calls, then the
    /// exporter going quiet (applying and publishing done). Returns the CPU the exporter used from the poll's first
    /// call to its going quiet, and the wall time between the two as the simulator and /proc saw them.
    /// </summary>
    private static async Task<(TimeSpan Cpu, TimeSpan Wall, TimeSpan SimulatorCpu)> AwaitPollAsync(
        SimulatorProcess simulator, ExporterProcess exporter, SimulatorTruth before, CancellationToken cancellationToken)
    {
        var discoveries = before.RequestsOf(SimulatorTruth.DescribeEndpoints);
        var calls = before.Requests.Sum(r => r.Value);
        var minimum = before.MinimumCalls(PageSize);
        var cpuAtStart = TimeSpan.Zero;
        var simulatorAtStart = TimeSpan.Zero;
        await Wait.UntilAsync(
            async () =>
            {
                var cpu = ProcessStats.CpuTime(exporter.ProcessId);
                var simulatorCpu = ProcessStats.CpuTime(simulator.ProcessId);
                var truth = await simulator.Control.TruthAsync(cancellationToken);
                cpuAtStart = cpu;
                simulatorAtStart = simulatorCpu;
                return truth.RequestsOf(SimulatorTruth.DescribeEndpoints) > discoveries;
            },
            TimeSpan.FromMinutes(35),
            () => "No poll started.",
            cancellationToken,
            everyMilliseconds: 50);
        var clock = Stopwatch.StartNew();
        await Wait.UntilAsync(
            async () => (await simulator.Control.TruthAsync(cancellationToken)).Requests.Sum(r => r.Value) - calls >= minimum,
            TimeSpan.FromMinutes(10),
            () => "The poll did not make its calls.",
            cancellationToken,
            everyMilliseconds: 50);
        var simulatorAtEnd = ProcessStats.CpuTime(simulator.ProcessId);
        var (cpuAtEnd, quietFor) = await WaitQuietAsync(exporter.ProcessId, cancellationToken);
        return (cpuAtEnd - cpuAtStart, clock.Elapsed - quietFor, simulatorAtEnd - simulatorAtStart);
    }

    /// <summary>
    /// Waits for the first health cycle after <paramref name="atReady"/> to end: requests of actions other than the
    /// poll's seen, then none for 2 s and the exporter quiet. Returns the truth then (the baseline of the measured
    /// poll). A fleet whose endpoints have nothing to read still gets its 2 s.
    /// </summary>
    private static async Task<SimulatorTruth> AwaitHealthCycleAsync(SimulatorProcess simulator, ExporterProcess exporter, SimulatorTruth atReady, CancellationToken cancellationToken)
    {
        static long Others(SimulatorTruth truth) => truth.Requests.Where(r => !SimulatorTruth.IsPollAction(r.Key)).Sum(r => r.Value);
        var deadline = Stopwatch.StartNew();
        var truth = await simulator.Control.TruthAsync(cancellationToken);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            await WaitQuietAsync(exporter.ProcessId, cancellationToken);
            var next = await simulator.Control.TruthAsync(cancellationToken);
            var settled = Others(next) == Others(truth) && (Others(next) > Others(atReady) || deadline.Elapsed > TimeSpan.FromSeconds(10));
            if (settled || deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                return next;
            }

            truth = next;
        }
    }

    /// <summary>Requests by action, the largest first, and their sum.</summary>
    private static string Calls(IReadOnlyDictionary<string, long> calls) =>
        $"{calls.Values.Sum()} calls ({string.Join(", ", calls.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))})";

    /// <summary>The share of one core the exporter uses over the idle window, once it has gone quiet.</summary>
    private static async Task<double> IdleCpuAsync(ExporterProcess exporter, E2eOptions options, CancellationToken cancellationToken)
    {
        await WaitQuietAsync(exporter.ProcessId, cancellationToken);
        var cpuBefore = ProcessStats.CpuTime(exporter.ProcessId);
        await Task.Delay(options.IdleWindow, cancellationToken);
        return (ProcessStats.CpuTime(exporter.ProcessId) - cpuBefore) / options.IdleWindow;
    }

    /// <summary>
    /// Waits until the process uses under 5 % of a core for 300 ms; returns its CPU time then, and the quiet
    /// time already passed.
    /// </summary>
    private static async Task<(TimeSpan Cpu, TimeSpan QuietFor)> WaitQuietAsync(int pid, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromMilliseconds(300);
        var previous = ProcessStats.CpuTime(pid);
        while (true)
        {
            await Task.Delay(window, cancellationToken);
            var now = ProcessStats.CpuTime(pid);
            if (now - previous < window * 0.05)
            {
                return (now, window);
            }

            previous = now;
        }
    }

    private static async Task<List<MetricsScrape>> ScrapeConcurrentlyAsync(
        ExporterProcess exporter, int scrapers, int minScrapes, TimeSpan duration, bool gzip, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var perScraper = await Task.WhenAll(Enumerable.Range(0, scrapers).Select(_ => Task.Run(
            async () =>
            {
                var scrapes = new List<MetricsScrape>();
                while (scrapes.Count < minScrapes || clock.Elapsed < duration)
                {
                    scrapes.Add(await exporter.ScrapeAsync(cancellationToken, gzip));
                }

                return scrapes.Select((s, i) => i + 1 < scrapes.Count && s.Succeeded && scrapes[i + 1].Succeeded
                    ? s with { GcPauseUntilNext = scrapes[i + 1].Sum(MetricsScrape.GcPauseSeconds) - s.Sum(MetricsScrape.GcPauseSeconds) }
                    : s).ToList();
            },
            cancellationToken)));
        return [.. perScraper.SelectMany(l => l)];
    }

    private static async Task<ChurnResult> MeasureChurnAsync(SimulatorProcess simulator, E2eOptions options, CancellationToken cancellationToken)
    {
        Log($"churn: {options.Hours} simulated hours in steps of {options.StepMinutes} minutes, per-connection detail, {options.Builds[0]} build, polls back to back");
        var clock = Stopwatch.StartNew();
        using var exporter = ExporterProcess.Start(options.Builds[0], simulator.BaseAddress, Detail.PerConnection, TimeSpan.FromSeconds(1), options);
        await exporter.WaitReadyAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var samples = new List<ChurnSample> { await SampleAsync(simulator, exporter, 0, scrape: true, cancellationToken) };
        var firstDiscovery = (await simulator.Control.TruthAsync(cancellationToken)).RequestsOf(SimulatorTruth.DescribeEndpoints);
        var churnClock = Stopwatch.StartNew();
        var simulatedMinutes = 0.0;
        var nextSample = 60.0;
        var nextScrape = options.SampleHours * 60;
        while (simulatedMinutes < (options.Hours * 60) - 1e-9)
        {
            // Polls run back to back. The clock moves on right after a poll started (its discovery call, seen within
            // 100 ms, a few pages of 200 at most), so that poll reads the step; the next discovery call says it is over.
            var step = Math.Min(options.StepMinutes, (options.Hours * 60) - simulatedMinutes);
            var discoveries = (await simulator.Control.TruthAsync(cancellationToken)).RequestsOf(SimulatorTruth.DescribeEndpoints);
            await simulator.Control.AdvanceAsync(TimeSpan.FromMinutes(step), cancellationToken);
            simulatedMinutes += step;
            await Wait.UntilAsync(
                async () => (await simulator.Control.TruthAsync(cancellationToken)).RequestsOf(SimulatorTruth.DescribeEndpoints) >= discoveries + 1,
                TimeSpan.FromMinutes(10),
                () => $"The exporter stopped polling:\n{exporter.RecentOutput}",
                cancellationToken);
            if (simulatedMinutes >= nextSample - 1e-9)
            {
                var scrape = simulatedMinutes >= nextScrape - 1e-9;
                var sample = await SampleAsync(simulator, exporter, simulatedMinutes / 60, scrape, cancellationToken);
                samples.Add(sample);
                nextSample += 60;
                nextScrape += scrape ? options.SampleHours * 60 : 0;
                Log($"churn: hour {sample.Hour:0.##}: {sample.Listed} listed, RSS {sample.Resident / 1e6:0} MB{(sample.Scrape is { } s ? ", /metrics " + Describe(s) : "")}{(sample.Scrape?.Overflow == true ? ", OVERFLOW" : "")}");
            }
        }

        var polls = (await simulator.Control.TruthAsync(cancellationToken)).RequestsOf(SimulatorTruth.DescribeEndpoints) - firstDiscovery;
        return new ChurnResult(samples, options.StepMinutes, churnClock.Elapsed / Math.Max(1, polls), polls, clock.Elapsed, ProcessStats.PeakResidentBytes(exporter.ProcessId));
    }

    private static async Task<ChurnSample> SampleAsync(SimulatorProcess simulator, ExporterProcess exporter, double hour, bool scrape, CancellationToken cancellationToken)
    {
        var truth = await simulator.Control.TruthAsync(cancellationToken);
        var resident = ProcessStats.ResidentBytes(exporter.ProcessId);
        return new ChurnSample(hour, truth.Listed, resident, scrape ? await exporter.ScrapeAsync(cancellationToken) : null);
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
