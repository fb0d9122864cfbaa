namespace ClientVpnSimulator.Logs;

/// <summary>The ingestion delay as <c>/sim/connection-log/ingestion-delay</c> reads and takes it: <c>{"minSeconds":0,"maxSeconds":90}</c>.</summary>
internal sealed record IngestionDelayDocument
{
    /// <summary>The shortest delay, seconds.</summary>
    public required double MinSeconds { get; init; }

    /// <summary>The longest delay, seconds, at most 1800.</summary>
    public required double MaxSeconds { get; init; }
}
