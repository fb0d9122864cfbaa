using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Persistence;

/// <summary>State file reads that found a file they could not use, and writes that failed.</summary>
internal sealed class StateFileMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly Counter<long> errors;

    public StateFileMetrics(IMeterFactory meterFactory)
    {
        this.meter = ExporterMeter.Create(meterFactory, ExporterMeter.Persistence);
        this.errors = this.meter.CreateCounter<long>(
            "clientvpn_exporter_state_file_errors",
            unit: "{error}",
            description: "State file (ClientVpn:StateFile) reads that found a file it could not use, and writes that failed, by operation (read, write).");
    }

    /// <param name="operation"><c>read</c> or <c>write</c>.</param>
    public void Error(string operation) => this.errors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Dispose() => this.meter.Dispose();
}
