namespace ClientVpnExporter.Connections;

/// <summary>
/// The most traffic one connection can plausibly add in a given span of the API's own time. A counter that grew
/// by more is a glitch, however well-formed: adding it would falsify the total for good (a single
/// <c>9000000000000000000</c> would pin it at the maximum). The bound is generous, far past any real Client VPN
/// connection, so that it only ever rejects the absurd.
/// </summary>
internal static class TrafficPlausibility
{
    /// <summary>12.5 GB/s, a 100 Gbit/s link, per connection and direction.</summary>
    public const ulong MaxBytesPerSecond = 12_500_000_000;

    /// <summary>10 million packets per second, per connection and direction.</summary>
    public const ulong MaxPacketsPerSecond = 10_000_000;

    /// <summary>
    /// The shortest span a bound is computed for: the API's times have whole seconds, and a connection first
    /// listed the second it was established has had at least that long.
    /// </summary>
    public static readonly TimeSpan MinElapsed = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest span a bound is computed for, and the span assumed when a time is missing or did not parse:
    /// no session lasts longer, so no connection's counter can grow more in its whole life.
    /// </summary>
    public static TimeSpan MaxElapsed => ConnectionParser.MaxSessionDuration;

    /// <summary>The largest plausible increase of a bytes counter over <paramref name="elapsed"/> (null: not known).</summary>
    public static ulong MaxBytes(TimeSpan? elapsed) => MaxBytesPerSecond * Seconds(elapsed);

    /// <summary>The largest plausible increase of a packets counter over <paramref name="elapsed"/> (null: not known).</summary>
    public static ulong MaxPackets(TimeSpan? elapsed) => MaxPacketsPerSecond * Seconds(elapsed);

    // At most 90,000 seconds, so neither product can overflow.
    private static ulong Seconds(TimeSpan? elapsed)
    {
        var span = elapsed is { } e && e <= MaxElapsed ? e : MaxElapsed;
        return (ulong)Math.Ceiling((span < MinElapsed ? MinElapsed : span).TotalSeconds);
    }
}
