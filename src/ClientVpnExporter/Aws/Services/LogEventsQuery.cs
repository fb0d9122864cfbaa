namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// What FilterLogEvents is asked for: a log group, optionally stream names or a stream name prefix (not both), a time range (start inclusive, end
/// exclusive, as CloudWatch Logs takes them, to the millisecond), a filter pattern and a page size (1 to 10,000).
/// </summary>
internal sealed record LogEventsQuery(
    string LogGroupName,
    DateTimeOffset? StartTime = null,
    DateTimeOffset? EndTime = null,
    string? FilterPattern = null,
    string? LogStreamNamePrefix = null,
    int? Limit = null,
    IReadOnlyList<string>? LogStreamNames = null);
