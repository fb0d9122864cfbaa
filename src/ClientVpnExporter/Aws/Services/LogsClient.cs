namespace ClientVpnExporter.Aws.Services;

/// <summary>Amazon CloudWatch Logs for one target (its account and region): the calls the exporter makes.</summary>
internal sealed class LogsClient(JsonServiceClient json)
{
    /// <summary>
    /// FilterLogEvents: one page of the events <paramref name="query"/> matches, from <paramref name="nextToken"/> (null:
    /// the first). Page by page, because a log group can hold more than one read should take; the caller follows
    /// <see cref="LogEventsPage.NextToken"/> as far as it needs.
    /// </summary>
    public async Task<LogEventsPage> FilterLogEventsAsync(LogEventsQuery query, string? nextToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var response = await json.CallAsync(
            ServiceOperations.FilterLogEvents,
            new LogsWire.FilterLogEventsRequest
            {
                LogGroupName = query.LogGroupName,
                LogStreamNames = query.LogStreamNames is { Count: > 0 } names ? [.. names] : null,
                LogStreamNamePrefix = query.LogStreamNamePrefix,
                StartTime = query.StartTime?.ToUnixTimeMilliseconds(),
                EndTime = query.EndTime?.ToUnixTimeMilliseconds(),
                FilterPattern = query.FilterPattern,
                NextToken = nextToken,
                Limit = query.Limit,
            },
            ServiceJsonContext.Default.FilterLogEventsRequest,
            ServiceJsonContext.Default.FilterLogEventsResponse,
            cancellationToken);
        return new LogEventsPage(
            [.. (response.Events ?? []).Select(e => new LogEvent(e.LogStreamName, Time(e.Timestamp), Time(e.IngestionTime), e.Message ?? "", e.EventId))],
            string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken);
    }

    private static DateTimeOffset? Time(long? milliseconds) =>
        milliseconds is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
