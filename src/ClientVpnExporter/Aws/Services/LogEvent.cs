namespace ClientVpnExporter.Aws.Services;

/// <summary>One log event FilterLogEvents matched: its stream, its time and ingestion time, its text and its id.</summary>
internal sealed record LogEvent(string? LogStreamName, DateTimeOffset? Timestamp, DateTimeOffset? IngestionTime, string Message, string? EventId);
