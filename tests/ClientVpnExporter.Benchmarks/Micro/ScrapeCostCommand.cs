using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// <c>scrape-cost [--detail default|per-user|per-connection]...</c>: the scrape path's CPU time and allocation per
/// operation, in this process, over the fleet of <see cref="FleetData"/>: what a publish costs (render and compress
/// each format), what compressing costs at other zlib levels, and what one scrape costs, gzip or plain, with the
/// Prometheus exporter's response cache off and at 300 ms. CPU time is the process's (user + system, all threads,
/// garbage collection included), which a busy machine barely moves, unlike wall time.
/// </summary>
internal static class ScrapeCostCommand
{
    private static readonly TimeSpan MinimumCpu = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WarmUpCpu = TimeSpan.FromSeconds(0.5);

    public static async Task<int> RunAsync(string[] args)
    {
        var details = new List<Detail>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--detail" && i + 1 < args.Length)
            {
                details.Add(args[++i] switch
                {
                    "per-user" => Detail.PerUser,
                    "per-connection" => Detail.PerConnection,
                    _ => Detail.Default,
                });
            }
            else
            {
                Console.Error.WriteLine("usage: scrape-cost [--detail default|per-user|per-connection]...");
                return 2;
            }
        }

        if (details.Count == 0)
        {
            details = [Detail.Default, Detail.PerUser, Detail.PerConnection];
        }

        var table = new StringBuilder();
        table.AppendLine("| metric set | operation | CPU per operation | allocated per operation | bytes out |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var detail in details)
        {
            using var scrape = new InProcessScrape(detail, responseCacheMilliseconds: 0);
            var snapshot = scrape.Publisher.Current.View;
            var plainBytes = scrape.Publisher.Current.Chunks(ExpositionFormat.PrometheusText).Sum(c => (long)c.Length);
            Row(table, detail, "render the fleet part (text), no compression", Measure(() => scrape.Publisher.Current.Chunks(ExpositionFormat.PrometheusText).Sum(c => (long)c.Length)));
            foreach (var level in (int[])[1, 2, 6])
            {
                Row(table, detail, $"render and gzip the fleet part (text), zlib level {level}", Measure(() => Compress(scrape.Publisher.Current, level)));
            }

            // A poll's readings are new objects (the same values here, copied): the whole fleet part is compressed again.
            Row(table, detail, "FleetPublisher.Publish, both formats asked, new readings (what a poll pays)", Measure(() =>
            {
                scrape.Publisher.Publish(snapshot with { Endpoints = [.. snapshot.Endpoints.Select(e => e with { Reading = e.Reading is null ? null : e.Reading with { } })] });
                return scrape.Publisher.Current.CachedBytes(ExpositionFormat.PrometheusText) + scrape.Publisher.Current.CachedBytes(ExpositionFormat.OpenMetrics);
            }));

            // A health or early-down publish: the same readings, an endpoint-level field changed.
            Row(table, detail, "FleetPublisher.Publish, both formats asked, same readings (a health publish)", Measure(() =>
            {
                scrape.Publisher.Publish(snapshot with { Endpoints = [.. snapshot.Endpoints.Select(e => e with { Up = !e.Up })] });
                return scrape.Publisher.Current.CachedBytes(ExpositionFormat.PrometheusText) + scrape.Publisher.Current.CachedBytes(ExpositionFormat.OpenMetrics);
            }));
            Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {detail}: fleet part {plainBytes:N0} bytes (text)");
            foreach (var cache in (int[])[0, 300])
            {
                using var cached = cache == 0 ? null : new InProcessScrape(detail, cache);
                var target = cached ?? scrape;
                foreach (var gzip in (bool[])[true, false])
                {
                    Row(table, detail, $"one /metrics scrape, {(gzip ? "gzip" : "plain")}, response cache {cache} ms", await MeasureAsync(async () => (await target.ScrapeAsync(gzip)).Bytes));
                }
            }
        }

        Console.WriteLine(table);
        return 0;
    }

    private static long Compress(FleetRendering rendering, int level)
    {
        using var sink = new InProcessScrape.CountingStream();
        using (var gzip = new GZipStream(sink, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            foreach (var chunk in rendering.Chunks(ExpositionFormat.PrometheusText))
            {
                gzip.Write(chunk.Span);
            }
        }

        return sink.Length;
    }

    private static (TimeSpan Cpu, long Allocated, long Bytes) Measure(Func<long> operation) =>
        MeasureAsync(() => Task.FromResult(operation())).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="operation"/> until it has used <see cref="WarmUpCpu"/> (the JIT's tiers compile it meanwhile),
    /// then measures it until it has used <see cref="MinimumCpu"/> (at least 3 times).
    /// </summary>
    private static async Task<(TimeSpan Cpu, long Allocated, long Bytes)> MeasureAsync(Func<Task<long>> operation)
    {
        using var process = Process.GetCurrentProcess();
        var warmUpStart = process.TotalProcessorTime;
        var bytes = await operation();
        for (var i = 1; i < 2 || process.TotalProcessorTime - warmUpStart < WarmUpCpu; i++)
        {
            await operation();
            process.Refresh();
        }

        GC.Collect();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        var count = 0;
        TimeSpan used;
        do
        {
            await operation();
            count++;
            process.Refresh();
            used = process.TotalProcessorTime - cpuStart;
        }
        while (count < 3 || used < MinimumCpu);

        return (used / count, (GC.GetTotalAllocatedBytes(precise: true) - allocatedStart) / count, bytes);
    }

    private static void Row(StringBuilder table, Detail detail, string operation, (TimeSpan Cpu, long Allocated, long Bytes) measured)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"| {detail} | {operation} | {Cpu(measured.Cpu)} | {Size(measured.Allocated)} | {Size(measured.Bytes)} |");
        Console.Error.WriteLine(line);
        table.AppendLine(line);
    }

    private static string Cpu(TimeSpan cpu) => cpu.TotalMilliseconds >= 10
        ? string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalMilliseconds * 1000:0} µs");

    private static string Size(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB");
}
