namespace ClientVpnExporter.Exposition;

/// <summary>Receives the samples a series definition reads from a snapshot, each with its label set.</summary>
internal interface ISeriesSink
{
    void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>A counter, unsigned 64-bit at the source.</summary>
    void Add(ulong value, ReadOnlySpan<KeyValuePair<string, object?>> tags);
}
