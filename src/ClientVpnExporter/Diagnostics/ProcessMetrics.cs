using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ClientVpnExporter.Diagnostics;

/// <summary>
/// The process metrics every client_golang exporter publishes, with its process collector's meaning on Linux, and the
/// container's memory limit they are compared with. Observable instruments: a collect reads <c>/proc/self</c> once, and
/// every instrument of that collect reports the same snapshot. Also the thread pool's queue length, as a gauge (see
/// <see cref="ProcessMetricsServiceCollectionExtensions.RuntimeInstruments"/>).
/// </summary>
internal sealed partial class ProcessMetrics
{
    /// <summary>The meter name, and these series' <c>otel_scope_name</c> label.</summary>
    public const string MeterName = "ClientVpnExporter.Process";

    private const string StatFile = "/proc/self/stat";
    private const string DescriptorFolder = "/proc/self/fd";
    private const string LimitsFile = "/proc/self/limits";
    private const string SystemStatFile = "/proc/stat";

    // Longer than one collect (its callbacks run back to back), shorter than any scrape interval.
    private static readonly TimeSpan SnapshotLifetime = TimeSpan.FromMilliseconds(250);

    private readonly ControlGroupMemory memory;
    private readonly ILogger<ProcessMetrics> logger;
    private readonly Lock gate = new();
    private readonly HashSet<string> unreadable = new(StringComparer.Ordinal);
    private ProcessSnapshot? snapshot;
    private long takenAt;

    public ProcessMetrics(IMeterFactory meterFactory, ControlGroupMemory memory, ILogger<ProcessMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.memory = memory;
        this.logger = logger;
        var startTime = this.TryRead(SystemStatFile, () => ProcessStat.BootTime(File.ReadAllText(SystemStatFile))) + this.ReadStat()?.StartSecondsAfterBoot;
        var meter = meterFactory.Create(MeterName, BuildInfo.Version);

        // Names and units as the Prometheus exporter turns them into client_golang's names: the unit's suffix, then
        // _total for a counter (process_cpu in s: process_cpu_seconds_total).
        meter.CreateObservableCounter(
            "process_cpu", () => this.Observe(s => s.Stat?.CpuSeconds), "s", "Total user and system CPU time spent in seconds.");
        meter.CreateObservableGauge(
            "process_resident_memory", () => this.Observe(s => s.Stat?.ResidentMemoryBytes), "By", "Resident memory size in bytes.");
        meter.CreateObservableGauge(
            "process_virtual_memory", () => this.Observe(s => s.Stat?.VirtualMemoryBytes), "By", "Virtual memory size in bytes.");
        meter.CreateObservableGauge(
            "process_start_time", () => Measure(startTime), "s", "Start time of the process since unix epoch in seconds.");
        meter.CreateObservableGauge(
            "process_open_fds", () => this.Observe(s => s.OpenFileDescriptors), description: "Number of open file descriptors.");
        meter.CreateObservableGauge(
            "process_max_fds", () => this.Observe(s => s.MaxFileDescriptors), description: "Maximum number of open file descriptors.");
        meter.CreateObservableGauge(
            "dotnet_thread_pool_queue_length",
            () => ThreadPool.PendingWorkItemCount,
            "{work_item}",
            "The number of work items that are currently queued to be processed by the thread pool.");
        meter.CreateObservableGauge(
            "clientvpn_exporter_memory_limit",
            () => this.Observe(s => s.MemoryLimitBytes),
            "By",
            "The memory limit of the exporter's container: its cgroup's memory.max (memory.limit_in_bytes under cgroup v1). No sample where there is none.");
    }

    private static Measurement<double>[] Measure(double? value) => value is { } known ? [new(known)] : [];

    /// <summary>Reads every figure now, as one snapshot.</summary>
    private ProcessSnapshot Read() => new(
        this.ReadStat(),
        this.TryRead(DescriptorFolder, () => (double)Directory.EnumerateFileSystemEntries(DescriptorFolder).Count()),
        this.TryRead(LimitsFile, () => ProcessLimits.MaxOpenFiles(File.ReadAllText(LimitsFile))),
        this.memory.Limit());

    private ProcessStat? ReadStat() => this.TryRead(StatFile, () => ProcessStat.Parse(File.ReadAllText(StatFile), Environment.SystemPageSize));

    private Measurement<double>[] Observe(Func<ProcessSnapshot, double?> figure)
    {
        ProcessSnapshot current;
        lock (this.gate)
        {
            if (this.snapshot is null || Stopwatch.GetElapsedTime(this.takenAt) > SnapshotLifetime)
            {
                this.snapshot = this.Read();
                this.takenAt = Stopwatch.GetTimestamp();
            }

            current = this.snapshot;
        }

        return Measure(figure(current));
    }

    /// <summary>A figure from one file or folder; null where it cannot be read (not Linux, say), logged once per path.</summary>
    private T? TryRead<T>(string path, Func<T> read)
        where T : struct
    {
        try
        {
            return read();
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            lock (this.unreadable)
            {
                if (this.unreadable.Add(path))
                {
                    this.LogUnreadable(path, failure.Message);
                }
            }

            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read {Path} ({Reason}); the process metrics from it are left out.")]
    private partial void LogUnreadable(string path, string reason);
}
