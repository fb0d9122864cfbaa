namespace ClientVpnSimulator.Control;

/// <summary>The clock as <c>/sim/clock</c> reports it.</summary>
/// <param name="Now">The simulated now, UTC.</param>
/// <param name="Paused">Whether the clock is frozen.</param>
/// <param name="Speed">Simulated seconds per real second.</param>
internal sealed record ClockState(DateTime Now, bool Paused, double Speed);
