namespace ClientVpnExporter.Tests.Support;

/// <summary>The simulator's truth of one endpoint's connection log: attempts already ingested, in the exporter's label values.</summary>
internal sealed record ConnectionLogTruth(
    bool Enabled,
    string LogGroup,
    string LogStream,
    bool HandlerDeniesEveryone,
    string? RepeatFailer,
    long EventsIngested,
    long EventsPending,
    double? NewestIngestedTimestamp,
    IReadOnlyList<AttemptTruth> Attempts,
    IReadOnlyList<UserAttemptTruth>? AttemptsByUser);

internal sealed record AttemptTruth(string Status, string Reason, long Count);

internal sealed record UserAttemptTruth(string User, string Status, long Count);
