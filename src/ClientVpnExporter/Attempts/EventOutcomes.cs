namespace ClientVpnExporter.Attempts;

/// <summary>Each <see cref="EventOutcome"/>'s label value.</summary>
internal static class EventOutcomes
{
    public static IReadOnlyList<EventOutcome> All { get; } = Enum.GetValues<EventOutcome>();

    /// <summary><c>counted</c>, <c>duplicate</c>, <c>not_attempt</c>, <c>malformed</c> or <c>before_start</c>.</summary>
    public static string Label(EventOutcome outcome) => outcome switch
    {
        EventOutcome.Counted => "counted",
        EventOutcome.Duplicate => "duplicate",
        EventOutcome.NotAttempt => "not_attempt",
        EventOutcome.Malformed => "malformed",
        EventOutcome.BeforeStart => "before_start",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
