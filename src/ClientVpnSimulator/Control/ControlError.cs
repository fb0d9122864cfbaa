namespace ClientVpnSimulator.Control;

/// <summary>The body of a failed control request.</summary>
/// <param name="Error">What was wrong.</param>
internal sealed record ControlError(string Error);
