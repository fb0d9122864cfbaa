using System.Diagnostics.Metrics;

namespace ClientVpnExporter.Exposition;

/// <summary>Collects the measurements one series definition writes from a snapshot, for an observable instrument.</summary>
internal sealed class MeasurementSink : ISeriesSink
{
    public List<Measurement<long>> Longs { get; } = [];

    public List<Measurement<double>> Doubles { get; } = [];

    public void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => this.Longs.Add(new Measurement<long>(value, tags));

    public void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => this.Doubles.Add(new Measurement<double>(value, tags));

    /// <summary>Counters are unsigned 64-bit at the source; OpenTelemetry counters are signed.</summary>
    public void Add(ulong value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        this.Add(value > long.MaxValue ? long.MaxValue : (long)value, tags);
}
