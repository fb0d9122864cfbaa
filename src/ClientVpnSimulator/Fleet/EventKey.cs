namespace ClientVpnSimulator.Fleet;

/// <summary>When an event fires; ties go to the older connection, so processing order is fully determined.</summary>
/// <param name="TimeMs">The simulated time of the event.</param>
/// <param name="Sequence">The sequence of the connection the event belongs to.</param>
internal readonly record struct EventKey(long TimeMs, long Sequence);
