using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using ClientVpnExporter.Tests.Diagnostics;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>
/// The process and runtime metrics of the real host over loopback, against this process's own figures (the exporter
/// runs in the test process). Serial: other tests' files, threads and allocations would move the figures.
/// </summary>
[Collection(SerialTestGroup.Name)]
public sealed class ProcessMetricsTests
{
    private static readonly SimulatorOptions Fleet = new() { Endpoints = 1, ConnectionsPerEndpoint = 3, Seed = 13 };

    private const string MemoryMax = "kubepods/pod1/exporter/memory.max";

    private static readonly string[] ProcessGauges =
        ["process_resident_memory_bytes", "process_virtual_memory_bytes", "process_start_time_seconds", "process_open_fds", "process_max_fds"];

    [Fact]
    public async Task Scrape_ProcessMetrics_AreThisProcesssOwnFigures()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(Fleet);
        using var self = Process.GetCurrentProcess();

        var cpuBefore = self.TotalProcessorTime.TotalSeconds;
        var residentBefore = self.WorkingSet64;
        var virtualBefore = self.VirtualMemorySize64;
        var descriptorsBefore = OpenDescriptors();
        var samples = await harness.ScrapeAsync();
        self.Refresh();
        var cpuAfter = self.TotalProcessorTime.TotalSeconds;
        var residentAfter = self.WorkingSet64;
        var virtualAfter = self.VirtualMemorySize64;
        var descriptorsAfter = OpenDescriptors();

        // The stat file counts CPU in ticks of 10 ms.
        AssertBetween(cpuBefore - 0.01, cpuAfter + 0.01, Value(samples, "process_cpu_seconds_total"));
        AssertBetween(Math.Min(residentBefore, residentAfter) * 0.9, Math.Max(residentBefore, residentAfter) * 1.1, Value(samples, "process_resident_memory_bytes"));
        AssertBetween(Math.Min(virtualBefore, virtualAfter) * 0.9, Math.Max(virtualBefore, virtualAfter) * 1.1, Value(samples, "process_virtual_memory_bytes"));
        AssertBetween(Math.Min(descriptorsBefore, descriptorsAfter) - 16, Math.Max(descriptorsBefore, descriptorsAfter) + 16, Value(samples, "process_open_fds"));

        // The boot time is whole seconds; the runtime takes its own from the monotonic clock.
        var started = self.StartTime.ToUniversalTime() - DateTime.UnixEpoch;
        Assert.Equal(started.TotalSeconds, Value(samples, "process_start_time_seconds"), tolerance: 1.5);
        Assert.Equal(await SoftOpenFilesLimitAsync(), Value(samples, "process_max_fds"));
    }

    [Fact]
    public async Task Scrape_RuntimeMetrics_AreTheRuntimesOwnFigures()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(Fleet);
        GC.Collect(1);
        GC.Collect(2);

        // Between two readings of the runtime's figures nothing may have collected, or the comparison is with another GC.
        for (var attempt = 1; ; attempt++)
        {
            var before = GC.GetGCMemoryInfo(GCKind.Any).Index;
            var counts = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            var samples = await harness.ScrapeAsync();
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            if (info.Index != before || Enumerable.Range(0, 3).Select(GC.CollectionCount).SequenceEqual(counts) is false)
            {
                Assert.True(attempt < 10, "a collection ran during every scrape");
                continue;
            }

            // A collection is counted under the oldest generation it collected.
            Assert.Equal(counts[2], Value(samples, "dotnet_gc_collections_total", ("gc_heap_generation", "gen2")));
            Assert.Equal(counts[1] - counts[2], Value(samples, "dotnet_gc_collections_total", ("gc_heap_generation", "gen1")));
            Assert.Equal(counts[0] - counts[1], Value(samples, "dotnet_gc_collections_total", ("gc_heap_generation", "gen0")));
            string[] generations = ["gen0", "gen1", "gen2", "loh", "poh"];
            for (var generation = 0; generation < generations.Length; generation++)
            {
                Assert.Equal(info.GenerationInfo[generation].SizeAfterBytes, Value(samples, "dotnet_gc_last_collection_heap_size_bytes", ("gc_heap_generation", generations[generation])));
            }

            Assert.True(Value(samples, "dotnet_gc_heap_total_allocated_bytes_total") > 0);
            Assert.True(Value(samples, "dotnet_gc_pause_time_seconds_total") > 0);
            Assert.True(Value(samples, "dotnet_thread_pool_queue_length") >= 0);

            // The runtime's other instruments are left out (process_* already says it, or the name would not lint).
            Assert.DoesNotContain(samples, s => s.Name is "dotnet_thread_pool_queue_length_total" or "dotnet_process_cpu_time_seconds_total" or "dotnet_assembly_count");
            return;
        }
    }

    [Fact]
    public async Task Scrape_BothFormats_ConventionalNamesAndTypes()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(Fleet);

        var text = await harness.ScrapeTextAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0; charset=utf-8"));
        using var response = await harness.Http.SendAsync(request);
        var openMetrics = await response.Content.ReadAsStringAsync();

        Assert.Contains("\n# TYPE process_cpu_seconds_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("\nprocess_cpu_seconds_total{", text, StringComparison.Ordinal);
        // OpenMetrics names a counter's family without _total, and its sample with it.
        Assert.Contains("\n# TYPE process_cpu_seconds counter\n", openMetrics, StringComparison.Ordinal);
        Assert.Contains("\nprocess_cpu_seconds_total{", openMetrics, StringComparison.Ordinal);
        foreach (var gauge in ProcessGauges.Append("dotnet_thread_pool_queue_length").Append("dotnet_gc_last_collection_heap_size_bytes"))
        {
            foreach (var exposition in new[] { text, openMetrics })
            {
                Assert.Contains($"\n# TYPE {gauge} gauge\n", exposition, StringComparison.Ordinal);
                Assert.Contains($"\n{gauge}{{", exposition, StringComparison.Ordinal);
            }
        }

        Assert.Contains("\n# TYPE dotnet_gc_collections_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("\n# TYPE dotnet_gc_collections counter\n", openMetrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_ContainerMemoryLimitKnown_PublishesTheLimit()
    {
        using var tree = ExporterGroup("268435456\n");
        await using var harness = await StartInAsync(tree);

        Assert.Equal(268_435_456, Value(await harness.ScrapeAsync(), "clientvpn_exporter_memory_limit_bytes"));

        // A limit raised at run time (an in-place resize) is the one published next.
        tree.With(MemoryMax, "536870912\n");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(536_870_912, Value(await harness.ScrapeAsync(), "clientvpn_exporter_memory_limit_bytes"));
    }

    [Fact]
    public async Task Scrape_NoContainerMemoryLimit_NoLimitSeries()
    {
        using var tree = ExporterGroup("max\n");
        await using var harness = await StartInAsync(tree);

        var text = await harness.ScrapeTextAsync();

        Assert.DoesNotContain("clientvpn_exporter_memory_limit_bytes{", text, StringComparison.Ordinal);
        Assert.Contains("\nprocess_resident_memory_bytes{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_LiveScrapeWithProcessRuntimeAndLimitFamilies_IsClean()
    {
        using var tree = ExporterGroup("268435456\n");
        await using var harness = await StartInAsync(tree);
        var text = await harness.ScrapeTextAsync();
        Assert.Contains("\nclientvpn_exporter_memory_limit_bytes{", text, StringComparison.Ordinal);
        Assert.Contains("\ndotnet_gc_collections_total{", text, StringComparison.Ordinal);

        var (exitCode, output) = await Promtool.CheckMetricsAsync(text);

        Assert.True(exitCode == 0 && output.Length == 0, output);
    }

    /// <summary>A cgroup v2 group for the exporter with <paramref name="memoryMax"/> in its memory.max.</summary>
    private static ControlGroupTree ExporterGroup(string memoryMax) =>
        new ControlGroupTree("0::/kubepods/pod1/exporter\n").With("cgroup.controllers", "cpu memory\n").With(MemoryMax, memoryMax);

    /// <summary>The exporter, reading its memory limit from <paramref name="tree"/> instead of its own cgroup.</summary>
    private static Task<ExporterOnSimulator> StartInAsync(ControlGroupTree tree) =>
        ExporterOnSimulator.StartAsync(Fleet, builder => builder.Services.AddSingleton(tree.Memory));

    private static double Value(List<Sample> samples, string name, params (string Label, string Value)[] labels) =>
        Assert.Single(samples, s => s.Name == name && labels.All(l => s.Label(l.Label) == l.Value)).Value;

    private static void AssertBetween(double low, double high, double actual) =>
        Assert.True(actual >= low && actual <= high, string.Create(CultureInfo.InvariantCulture, $"{actual} is not within [{low}, {high}]"));

    private static int OpenDescriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    private static async Task<double> SoftOpenFilesLimitAsync()
    {
        // The shell inherits this process's limits; `ulimit -Sn` reads them with getrlimit, not from /proc.
        var start = new ProcessStartInfo("sh", ["-c", "ulimit -Sn"]) { RedirectStandardOutput = true };
        using var shell = Process.Start(start)!;
        var output = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
