using System.Text.Json.Serialization;

namespace ClientVpnExporter.Aws.Services;

/// <summary>CloudWatch Logs' JSON shapes the exporter sends and reads (botocore's logs service-2.json): camelCase members, times in epoch milliseconds.</summary>
internal static class LogsWire
{
    internal sealed class FilterLogEventsRequest
    {
        [JsonPropertyName("logGroupName")]
        public required string LogGroupName { get; init; }

        [JsonPropertyName("logStreamNames")]
        public List<string>? LogStreamNames { get; init; }

        [JsonPropertyName("logStreamNamePrefix")]
        public string? LogStreamNamePrefix { get; init; }

        [JsonPropertyName("startTime")]
        public long? StartTime { get; init; }

        [JsonPropertyName("endTime")]
        public long? EndTime { get; init; }

        [JsonPropertyName("filterPattern")]
        public string? FilterPattern { get; init; }

        [JsonPropertyName("nextToken")]
        public string? NextToken { get; init; }

        [JsonPropertyName("limit")]
        public int? Limit { get; init; }
    }

    internal sealed class FilterLogEventsResponse
    {
        [JsonPropertyName("events")]
        public List<FilteredLogEvent>? Events { get; init; }

        [JsonPropertyName("nextToken")]
        public string? NextToken { get; init; }
    }

    internal sealed class FilteredLogEvent
    {
        [JsonPropertyName("logStreamName")]
        public string? LogStreamName { get; init; }

        [JsonPropertyName("timestamp")]
        public long? Timestamp { get; init; }

        [JsonPropertyName("ingestionTime")]
        public long? IngestionTime { get; init; }

        [JsonPropertyName("message")]
        public string? Message { get; init; }

        [JsonPropertyName("eventId")]
        public string? EventId { get; init; }
    }
}
