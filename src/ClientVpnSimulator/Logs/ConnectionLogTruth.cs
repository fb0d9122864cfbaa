using System.Text.Json.Serialization;

namespace ClientVpnSimulator.Logs;

/// <summary>
/// The ground truth of one endpoint's connection log at the simulated now. Attempts are what an exporter counts:
/// entries of type <c>connection-attempt</c> without an end time, only those already ingested (readable through
/// FilterLogEvents), and with <c>attemptsSince</c>, only those whose timestamp is at or after it.
/// </summary>
/// <param name="Enabled">Whether logging is on (DescribeClientVpnEndpoints' <c>ConnectionLogOptions.Enabled</c>).</param>
/// <param name="LogGroup">The log group.</param>
/// <param name="LogStream">The log stream.</param>
/// <param name="HandlerDeniesEveryone">Whether the client-connect handler denies every attempt now.</param>
/// <param name="HandlerDeniesUntil">When that denial ends; null when it does not deny or denies until told otherwise.</param>
/// <param name="RepeatFailer">The user (exporter label value) who fails again and again.</param>
/// <param name="EventsIngested">Events retained and readable now.</param>
/// <param name="EventsPending">Events written whose ingestion time is still ahead.</param>
/// <param name="NewestIngestedTimestamp">The newest timestamp of a readable event, epoch seconds; null when none.</param>
/// <param name="Attempts">Readable attempts by status and reason.</param>
/// <param name="AttemptsByUser">Readable attempts by user and status, only with <c>users=true</c>.</param>
internal sealed record ConnectionLogTruth(
    bool Enabled,
    string LogGroup,
    string LogStream,
    bool HandlerDeniesEveryone,
    DateTime? HandlerDeniesUntil,
    string? RepeatFailer,
    long EventsIngested,
    long EventsPending,
    double? NewestIngestedTimestamp,
    IReadOnlyList<AttemptTruth> Attempts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<UserAttemptTruth>? AttemptsByUser);
