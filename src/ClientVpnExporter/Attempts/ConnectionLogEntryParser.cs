using System.Text.Json;

namespace ClientVpnExporter.Attempts;

/// <summary>
/// Reads a connection log entry, a JSON object of string values (one, <c>authorization-policy-evaluation</c>, may be an
/// object), from the message of its CloudWatch Logs event.
/// </summary>
internal static class ConnectionLogEntryParser
{
    /// <summary>The entry in <paramref name="message"/>; null when it is not a JSON object with a string <c>connection-log-type</c>, or a field read here is not a string.</summary>
    public static ConnectionLogEntry? Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var logType = Field(root, "connection-log-type");
            if (logType is not { Length: > 0 })
            {
                return null;
            }

            var status = Field(root, "connection-attempt-status");
            var reason = Field(root, "connection-attempt-failure-reason");
            var endTime = Field(root, "connection-end-time");
            var username = Field(root, "username");
            var commonName = Field(root, "common-name");
            return status is null || reason is null || endTime is null || username is null || commonName is null
                ? null
                : new ConnectionLogEntry(logType, status, reason, endTime, username, commonName);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The string value of <paramref name="name"/>: empty when absent or null, null (malformed) when it is anything but a string.</summary>
    private static string? Field(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) ? ""
        : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Null => "",
            _ => null,
        };
}
