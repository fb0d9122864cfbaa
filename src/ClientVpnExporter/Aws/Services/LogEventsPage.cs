namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// One page of FilterLogEvents: its events and the token of the next page, null after the last. A page may be empty
/// and still have a next one (CloudWatch Logs searched part of the streams).
/// </summary>
internal sealed record LogEventsPage(IReadOnlyList<LogEvent> Events, string? NextToken);
