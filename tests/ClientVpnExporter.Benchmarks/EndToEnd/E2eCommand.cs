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

        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Read();
        Log($"machine: {machine.Describe()}");
        using var simulator = await SimulatorProcess.StartAsync(options, CancellationToken.None);
        var truth = await simulator.Control.TruthAsync(CancellationToken.None);
        Log($"simulator: {options.Endpoints} endpoints x {options.Connections} connections, churn {options.ChurnPerHour}/h, {truth.Listed} listed");

        var steady = new List<SteadyResult>();
        foreach (var detail in options.Modes)
        {
            steady.Add(await MeasureSteadyAsync(simulator, detail, options, CancellationToken.None));
        }

        ChurnResult? churn = null;
        if (options.Hours > 0)
        {
            churn = await MeasureChurnAsync(simulator, options, CancellationToken.None);
        }

        var report = Report.Render(options, machine, MachineInfo.Read(), truth, steady, churn, clock.Elapsed);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report);
        }

        return 0;
    }

    private static async Task<SteadyResult> MeasureSteadyAsync(SimulatorProcess simulator, Detail detail, E2eOptions options, CancellationToken cancellationToken)
    {
        Log($"{detail}: starting the exporter (poll interval {options.PollInterval.TotalSeconds} s)");
        using var exporter = ExporterProcess.Start(simulator.BaseAddress, detail, options.PollInterval);
        await exporter.WaitReadyAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var afterFirst = await exporter.ScrapeAsync(cancellationToken);
        var truthAfterFirst = await simulator.Control.TruthAsync(cancellationToken);
        Log($"{detail}: first poll {afterFirst.Sum(PollDurationSum):0.00} s; {afterFirst.Samples} samples, {afterFirst.Bytes / 1e6:0.0} MB");

        // Scrapes, then the idle window, both between the first and the second poll.
        var latencies = await ScrapeConcurrentlyAsync(exporter, options, cancellationToken);
        Log($"{detail}: {latencies.Count} scrapes, slowest {latencies.Max().TotalMilliseconds:0} ms");
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var cpuBefore = ProcessStats.CpuTime(exporter.ProcessId);
        await Task.Delay(options.IdleWindow, cancellationToken);
        var idleCpu = (ProcessStats.CpuTime(exporter.ProcessId) - cpuBefore) / options.IdleWindow;
        var beforeSecond = await simulator.Control.TruthAsync(cancellationToken);
        var overlapped = beforeSecond.RequestsOf(SimulatorTruth.DescribeEndpoints) != truthAfterFirst.RequestsOf(SimulatorTruth.DescribeEndpoints);

        // The second poll: it starts with discovery, makes its calls, then applies and publishes.
        Log($"{detail}: waiting for the second poll");
        var (pollCpu, afterSecond) = await AwaitPollAsync(simulator, exporter, beforeSecond, afterFirst.Sum(Polls), cancellationToken);
        var truthAfterSecond = await simulator.Control.TruthAsync(cancellationToken);
        var calls = truthAfterSecond.Requests.Sum(r => r.Value) - beforeSecond.Requests.Sum(r => r.Value);
        var result = new SteadyResult
        {
            Detail = detail,
            Listed = beforeSecond.Listed,
            FirstPoll = TimeSpan.FromSeconds(afterFirst.Sum(PollDurationSum)),
            Poll = TimeSpan.FromSeconds((afterSecond.Sum(PollDurationSum) - afterFirst.Sum(PollDurationSum)) / Math.Max(1, afterSecond.Sum(PollDurationCount) - afterFirst.Sum(PollDurationCount))),
            BudgetWait = TimeSpan.FromSeconds(afterSecond.Sum(BudgetWait) - afterFirst.Sum(BudgetWait)),
            PollCpu = pollCpu,
            Calls = calls,
            MinimumCalls = beforeSecond.MinimumCalls(PageSize),
            Samples = afterSecond.Samples,
            Bytes = afterSecond.Bytes,
            Overflow = afterSecond.Overflow,
            ScrapeLatencies = latencies,
            Resident = ProcessStats.ResidentBytes(exporter.ProcessId),
            PeakResident = ProcessStats.PeakResidentBytes(exporter.ProcessId),
            IdleCpu = idleCpu,
            PollOverlapped = overlapped || afterSecond.Sum(PollDurationCount) - afterFirst.Sum(PollDurationCount) != 1,
        };
        Log($"{detail}: poll {result.Poll.TotalSeconds:0.00} s (CPU {pollCpu.TotalSeconds:0.00} s), {calls} calls (minimum {result.MinimumCalls}), RSS {result.Resident / 1e6:0} MB, idle CPU {idleCpu:P2}");
        return result;
    }

    /// <summary>
    /// Waits for the next poll after <paramref name="before"/>: its discovery call, then all its calls, then the
    /// exporter going quiet (applying and publishing done), then <c>/metrics</c> counting it. Returns the CPU the
    /// exporter used from the poll's first call to its going quiet, and that scrape.
    /// </summary>
    private static async Task<(TimeSpan Cpu, MetricsScrape After)> AwaitPollAsync(
        SimulatorProcess simulator, ExporterProcess exporter, SimulatorTruth before, double pollsBefore, CancellationToken cancellationToken)
    {
        var discoveries = before.RequestsOf(SimulatorTruth.DescribeEndpoints);
        var calls = before.Requests.Sum(r => r.Value);
        var minimum = before.MinimumCalls(PageSize);
        var cpuAtStart = TimeSpan.Zero;
        await Wait.UntilAsync(
            async () =>
            {
                var cpu = ProcessStats.CpuTime(exporter.ProcessId);
                var truth = await simulator.Control.TruthAsync(cancellationToken);
                cpuAtStart = cpu;
                return truth.RequestsOf(SimulatorTruth.DescribeEndpoints) > discoveries;
            },
            TimeSpan.FromMinutes(35),
            () => "No poll started.",
            cancellationToken,
            everyMilliseconds: 50);
        await Wait.UntilAsync(
            async () => (await simulator.Control.TruthAsync(cancellationToken)).Requests.Sum(r => r.Value) - calls >= minimum,
            TimeSpan.FromMinutes(10),
            () => "The poll did not make its calls.",
            cancellationToken,
            everyMilliseconds: 50);
        var cpuAtEnd = await WaitQuietAsync(exporter.ProcessId, cancellationToken);
        MetricsScrape? after = null;
        await Wait.UntilAsync(
            async () => (after = await exporter.ScrapeAsync(cancellationToken)).Sum(Polls) > pollsBefore,
            TimeSpan.FromMinutes(5),
            () => $"The poll was never counted on /metrics:\n{exporter.RecentOutput}",
            cancellationToken,
            everyMilliseconds: 200);
        return (cpuAtEnd - cpuAtStart, after!);
    }

    /// <summary>Waits until the process uses under 5 % of a core for half a second; returns its CPU time then.</summary>
    private static async Task<TimeSpan> WaitQuietAsync(int pid, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromMilliseconds(500);
        var previous = ProcessStats.CpuTime(pid);
        while (true)
        {
            await Task.Delay(window, cancellationToken);
            var now = ProcessStats.CpuTime(pid);
            if (now - previous < window * 0.05)
            {
                return now;
            }

            previous = now;
        }
    }

    private static async Task<List<TimeSpan>> ScrapeConcurrentlyAsync(ExporterProcess exporter, E2eOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var perScraper = await Task.WhenAll(Enumerable.Range(0, options.Scrapers).Select(_ => Task.Run(
            async () =>
            {
                var latencies = new List<TimeSpan>();
                while (latencies.Count < options.MinScrapes || clock.Elapsed < options.ScrapeDuration)
                {
                    var scrape = await exporter.ScrapeAsync(cancellationToken);
                    if (scrape.Overflow)
                    {
                        throw new InvalidOperationException("An overflow series appeared.");
                    }

                    latencies.Add(scrape.Latency);
                }

                return latencies;
            },
            cancellationToken)));
        return [.. perScraper.SelectMany(l => l)];
    }

    private static async Task<ChurnResult> MeasureChurnAsync(SimulatorProcess simulator, E2eOptions options, CancellationToken cancellationToken)
    {
        Log($"churn: {options.Hours} simulated hours in steps of {options.StepMinutes} minutes, per-connection detail, polls back to back");
        var clock = Stopwatch.StartNew();
        using var exporter = ExporterProcess.Start(simulator.BaseAddress, Detail.PerConnection, TimeSpan.FromSeconds(1));
        await exporter.WaitReadyAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var samples = new List<ChurnSample> { await SampleAsync(simulator, exporter, 0, cancellationToken) };
        var first = samples[0];
        var simulatedMinutes = 0.0;
        var nextSample = options.SampleHours * 60;
        while (simulatedMinutes < (options.Hours * 60) - 1e-9)
        {
            var step = Math.Min(options.StepMinutes, (options.Hours * 60) - simulatedMinutes);
            await simulator.Control.AdvanceAsync(TimeSpan.FromMinutes(step), cancellationToken);
            simulatedMinutes += step;

            // The poll after the next discovery call started after the advance; it is over when another one starts.
            var discoveries = (await simulator.Control.TruthAsync(cancellationToken)).RequestsOf(SimulatorTruth.DescribeEndpoints);
            await Wait.UntilAsync(
                async () => (await simulator.Control.TruthAsync(cancellationToken)).RequestsOf(SimulatorTruth.DescribeEndpoints) >= discoveries + 2,
                TimeSpan.FromMinutes(10),
                () => $"The exporter stopped polling:\n{exporter.RecentOutput}",
                cancellationToken,
                everyMilliseconds: 200);
            if (simulatedMinutes >= nextSample - 1e-9)
            {
                var sample = await SampleAsync(simulator, exporter, simulatedMinutes / 60, cancellationToken);
                samples.Add(sample);
                nextSample += options.SampleHours * 60;
                Log($"churn: hour {sample.Hour:0.##}: {sample.Listed} listed, {sample.Samples} samples, RSS {sample.Resident / 1e6:0} MB{(sample.Overflow ? ", OVERFLOW" : "")}");
            }
        }

        var last = samples[^1];
        var polls = last.Polls - first.Polls;
        var meanPoll = TimeSpan.FromSeconds((last.PollSeconds - first.PollSeconds) / Math.Max(1, polls));
        return new ChurnResult(samples, options.StepMinutes, meanPoll, polls, clock.Elapsed, ProcessStats.PeakResidentBytes(exporter.ProcessId));
    }

    private static async Task<ChurnSample> SampleAsync(SimulatorProcess simulator, ExporterProcess exporter, double hour, CancellationToken cancellationToken)
    {
        var truth = await simulator.Control.TruthAsync(cancellationToken);
        var scrape = await exporter.ScrapeAsync(cancellationToken);
        return new ChurnSample(hour, truth.Listed, scrape.Samples, scrape.Bytes, scrape.Overflow, ProcessStats.ResidentBytes(exporter.ProcessId), scrape.Latency, (long)scrape.Sum(PollDurationCount), scrape.Sum(PollDurationSum));
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
