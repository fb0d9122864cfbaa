using System.Globalization;
using ClientVpnSimulator.Clock;

namespace ClientVpnSimulator.Logs;

/// <summary>How long after its timestamp an event becomes readable: a uniform draw between the bounds, in whole milliseconds.</summary>
/// <param name="MinMs">The shortest delay.</param>
/// <param name="MaxMs">The longest delay.</param>
internal readonly record struct IngestionDelay(long MinMs, long MaxMs)
{
    /// <summary>The longest delay accepted: half an hour, inside the log's retention so that no event is dropped unread.</summary>
    public const long LimitMs = 30 * SimulatedTime.Minute;

    /// <summary>Reads <c>MAX</c> or <c>MIN-MAX</c>, seconds with an optional <c>s</c>: <c>90s</c> means 0 to 90 s, <c>5-90s</c> 5 to 90 s.</summary>
    public static bool TryParse(string? text, out IngestionDelay delay)
    {
        delay = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var body = text.Trim();
        body = body.EndsWith('s') ? body[..^1] : body;
        var parts = body.Split('-', 2);
        if (!TrySeconds(parts[^1], out var max))
        {
            return false;
        }

        var min = 0L;
        if (parts.Length == 2 && !TrySeconds(parts[0], out min))
        {
            return false;
        }

        delay = new IngestionDelay(min, max);
        return delay.IsValid;
    }

    /// <summary>Whether the bounds are ordered and within <see cref="LimitMs"/>.</summary>
    public bool IsValid => this.MinMs >= 0 && this.MinMs <= this.MaxMs && this.MaxMs <= LimitMs;

    /// <summary>Draws one delay.</summary>
    public long Draw(Fleet.SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return this.MaxMs == this.MinMs ? this.MinMs : random.NextLong(this.MinMs, this.MaxMs + 1);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{this.MinMs / 1000.0}-{this.MaxMs / 1000.0}s");

    private static bool TrySeconds(string text, out long ms)
    {
        var parsed = double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds);
        ms = parsed ? (long)Math.Round(Math.Min(seconds, 1e9) * 1000) : 0;
        return parsed;
    }
}
