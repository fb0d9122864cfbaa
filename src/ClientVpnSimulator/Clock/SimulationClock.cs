namespace ClientVpnSimulator.Clock;

/// <summary>
/// The simulated wall clock: real time scaled by a speed factor, which can be paused and moved forward.
/// </summary>
/// <remarks>
/// Simulated time is kept in whole Unix milliseconds so that every value derived from it
/// (counters, states, formatted times) is an exact integer function of the clock.
/// The clock never goes backwards.
/// </remarks>
internal sealed class SimulationClock
{
    /// <summary>The longest single move <see cref="Advance"/> accepts, one leap year.</summary>
    public const double MaxAdvanceSeconds = 366 * 86_400;

    private readonly Lock _sync = new();
    private readonly TimeProvider _time;
    private long _anchorSimulatedMs;
    private long _anchorTimestamp;
    private bool _paused;

    /// <summary>Creates a clock that shows <paramref name="startMs"/> now.</summary>
    public SimulationClock(TimeProvider time, long startMs, double speed, bool startPaused)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Speed = speed;
        _anchorSimulatedMs = startMs;
        _anchorTimestamp = time.GetTimestamp();
        _paused = startPaused;
    }

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed { get; }

    /// <summary>The simulated now in Unix milliseconds.</summary>
    public long NowMs
    {
        get
        {
            lock (_sync)
            {
                return NowLocked();
            }
        }
    }

    /// <summary>The simulated now and whether the clock is paused, read together.</summary>
    public (long NowMs, bool Paused) Read()
    {
        lock (_sync)
        {
            return (NowLocked(), _paused);
        }
    }

    /// <summary>Freezes the simulated now at its current value.</summary>
    public void Pause()
    {
        lock (_sync)
        {
            Rebase();
            _paused = true;
        }
    }

    /// <summary>Lets the simulated now run again from where it was frozen.</summary>
    public void Resume()
    {
        lock (_sync)
        {
            Rebase();
            _paused = false;
        }
    }

    /// <summary>Moves the simulated now forward, whether or not the clock is paused.</summary>
    public void Advance(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > MaxAdvanceSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"Must be between 0 and {MaxAdvanceSeconds}.");
        }

        lock (_sync)
        {
            Rebase();
            _anchorSimulatedMs += (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
        }
    }

    // Re-anchoring at every change keeps the scaled real elapsed time short, so rounding never accumulates.
    private void Rebase()
    {
        _anchorSimulatedMs = NowLocked();
        _anchorTimestamp = _time.GetTimestamp();
    }

    private long NowLocked()
    {
        if (_paused)
        {
            return _anchorSimulatedMs;
        }

        var elapsed = _time.GetElapsedTime(_anchorTimestamp).TotalMilliseconds * Speed;
        return _anchorSimulatedMs + (long)Math.Floor(Math.Max(0, elapsed));
    }
}
