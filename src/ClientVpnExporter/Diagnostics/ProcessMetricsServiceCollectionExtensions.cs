using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Diagnostics;

/// <summary>Adds the process metrics (<see cref="ProcessMetrics"/>) and the .NET runtime's own meter to the host's OpenTelemetry metrics.</summary>
internal static class ProcessMetricsServiceCollectionExtensions
{
    /// <summary>The runtime's built-in meter (.NET 9 and later): GC, thread pool, JIT, exceptions.</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>
    /// The runtime instruments published. The others are left out: the process figures repeat process_* under other names;
    /// thread, timer and assembly counts would end in <c>_count</c>, which Prometheus reserves for histograms; and the
    /// thread-pool queue length comes out as a counter (<c>dotnet_thread_pool_queue_length_total</c>) that goes down, so
    /// <see cref="ProcessMetrics"/> publishes it as the gauge it is.
    /// </summary>
    public static readonly IReadOnlySet<string> RuntimeInstruments = new HashSet<string>(StringComparer.Ordinal)
    {
        "dotnet.gc.collections",
        "dotnet.gc.heap.total_allocated",
        "dotnet.gc.last_collection.heap.size",
        "dotnet.gc.last_collection.memory.committed_size",
        "dotnet.gc.pause.time",
    };

    // OpenTelemetry's IMetricsListener (OpenTelemetryMetricsListener.Name).
    private const string OpenTelemetryListener = "OpenTelemetry";

    /// <summary>
    /// Registers <see cref="ProcessMetrics"/> (created with the meter provider) and the runtime's meter. A
    /// <see cref="ControlGroupMemory"/> registered before this call replaces the process's own.
    /// </summary>
    public static IServiceCollection AddProcessMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton(ControlGroupMemory.OfThisProcess);
        services.AddSingleton<ProcessMetrics>();

        // The process meter comes from this host's meter factory and is enabled for this host's listener only: with
        // AddMeter every provider in the process would also take another host's meter of the same name, share one
        // stream with it (same identity), and lose the series when that host stops.
        services.AddMetrics(metrics => metrics.EnableMetrics(ProcessMetrics.MeterName, null, OpenTelemetryListener, MeterScope.Local));

        // The runtime's meter is one static meter for the whole process: every provider may listen to it.
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddInstrumentation(sp => sp.GetRequiredService<ProcessMetrics>())
            .AddMeter(RuntimeMeterName)
            .AddView(instrument => instrument.Meter.Name == RuntimeMeterName && !RuntimeInstruments.Contains(instrument.Name)
                ? MetricStreamConfiguration.Drop
                : null));
        return services;
    }
}
