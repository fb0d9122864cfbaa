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

    private readonly Lock sync = new();
    private readonly TimeProvider time;
    private long anchorSimulatedMs;
    private long anchorTimestamp;
    private bool paused;

    /// <summary>Creates a clock that shows <paramref name="startMs"/> now.</summary>
    public SimulationClock(TimeProvider time, long startMs, double speed, bool startPaused)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
        this.Speed = speed;
        this.anchorSimulatedMs = startMs;
        this.anchorTimestamp = time.GetTimestamp();
        this.paused = startPaused;
    }

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed { get; }

    /// <summary>The simulated now in Unix milliseconds.</summary>
    public long NowMs
    {
        get
        {
            lock (this.sync)
            {
                return this.NowLocked();
            }
        }
    }

    /// <summary>The simulated now and whether the clock is paused, read together.</summary>
    public (long NowMs, bool Paused) Read()
    {
        lock (this.sync)
        {
            return (this.NowLocked(), this.paused);
        }
    }

    /// <summary>Freezes the simulated now at its current value.</summary>
    public void Pause()
    {
        lock (this.sync)
        {
            this.Rebase();
            this.paused = true;
        }
    }

    /// <summary>Lets the simulated now run again from where it was frozen.</summary>
    public void Resume()
    {
        lock (this.sync)
        {
            this.Rebase();
            this.paused = false;
        }
    }

    /// <summary>Moves the simulated now forward, whether or not the clock is paused.</summary>
    public void Advance(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > MaxAdvanceSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"Must be between 0 and {MaxAdvanceSeconds}.");
        }

        lock (this.sync)
        {
            this.Rebase();
            this.anchorSimulatedMs += (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
        }
    }

    // Re-anchoring at every change keeps the scaled real elapsed time short, so rounding never accumulates.
    private void Rebase()
    {
        this.anchorSimulatedMs = this.NowLocked();
        this.anchorTimestamp = this.time.GetTimestamp();
    }

    private long NowLocked()
    {
        if (this.paused)
        {
            return this.anchorSimulatedMs;
        }

        var elapsed = this.time.GetElapsedTime(this.anchorTimestamp).TotalMilliseconds * this.Speed;
        return this.anchorSimulatedMs + (long)Math.Floor(Math.Max(0, elapsed));
    }
}
