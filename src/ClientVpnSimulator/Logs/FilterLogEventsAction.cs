using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Logs;

/// <summary>
/// CloudWatch Logs <c>FilterLogEvents</c> (JSON 1.1, <c>X-Amz-Target: Logs_20140328.FilterLogEvents</c>) over the
/// connection logs of the request's account: the events already ingested at the simulated now, in (timestamp, event)
/// order, within <c>startTime</c>..<c>endTime</c> (both inclusive), of the streams named, matching the filter
/// pattern; at most <c>limit</c> (default and most 10,000) and about 1 MB per page, as CloudWatch Logs pages.
/// </summary>
/// <remarks>
/// A page token continues after the last event served. An event ingested later with an older timestamp is not in the
/// rest of that pagination: a reader finds it with its next read's lookback, as with CloudWatch Logs.
/// </remarks>
internal sealed class FilterLogEventsAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "FilterLogEvents";

    /// <summary>The most events a page holds, and the default.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>About the most bytes of events a page holds.</summary>
    public const int MaxPageBytes = 1_048_576;

    // CloudWatch Logs counts each event's message and 26 bytes of overhead against its size limits.
    private const int EventOverheadBytes = 26;

    private readonly FleetSimulation fleet;
    private readonly PageTokenCodec tokens;

    /// <summary>Serves the connection logs of <paramref name="fleet"/>, paging with <paramref name="tokens"/>.</summary>
    public FilterLogEventsAction(FleetSimulation fleet, PageTokenCodec tokens)
    {
        this.fleet = fleet;
        this.tokens = tokens;
    }

    /// <inheritdoc/>
    public string Name => ActionName;

    /// <inheritdoc/>
    public AwsService Service => AwsService.Logs;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Get("logGroupName") is not null && request.Get("logGroupIdentifier") is not null)
        {
            throw Invalid("LogGroup name and LogGroup identifier are mutually exclusive parameters.");
        }

        var identifier = request.Get("logGroupName") ?? request.Get("logGroupIdentifier")
            ?? throw Invalid("1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null");
        var group = LogGroupArn.NameOf(identifier);
        var streams = request.GetList("logStreamNames");
        var prefix = request.Get("logStreamNamePrefix");
        if (streams.Count > 0 && prefix is not null)
        {
            throw Invalid("Cannot specify both logStreamNames and logStreamNamePrefix.");
        }

        var start = Time(request, "startTime") ?? long.MinValue;
        var end = Time(request, "endTime") ?? long.MaxValue;
        var limit = Limit(request);
        var patternText = request.Get("filterPattern");
        if (patternText is { Length: > 1024 })
        {
            throw Invalid("1 validation error detected: Value at 'filterPattern' failed to satisfy constraint: Member must have length less than or equal to 1024");
        }

        var pattern = FilterPattern.Parse(patternText);
        var scope = Scope(group, streams, prefix, start, end, patternText);
        long afterTs = long.MinValue, afterSeq = long.MaxValue;
        var page = 1;
        if (request.Get("nextToken") is { } token)
        {
            if (!this.tokens.TryDecode(token, scope, out var rest, out afterTs, out var previous)
                || !long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
            {
                throw new QueryErrorException(AwsService.Logs.InvalidNextToken);
            }

            page = previous + 1;
        }

        var answer = this.fleet.ObserveAccount(request.AccountId, (now, endpoints) => Read(now, endpoints, group, streams, prefix, start, end, limit, pattern, afterTs, afterSeq), advance: false)
            ?? throw new QueryErrorException(new(400, "ResourceNotFoundException", "The specified log group does not exist."));
        var next = answer.ContinueAfter is { } last ? this.tokens.Encode(scope + last.Sequence.ToString(CultureInfo.InvariantCulture), last.TimestampMs, page) : null;
        return new JsonQueryResult(writer => Write(writer, answer, next));
    }

    private static Page? Read(
        long nowMs,
        IReadOnlyList<SimulatedEndpoint> endpoints,
        string group,
        IReadOnlyList<string> streams,
        string? prefix,
        long start,
        long end,
        int limit,
        FilterPattern pattern,
        long afterTs,
        long afterSeq)
    {
        var endpoint = endpoints.FirstOrDefault(e => e.Profile.ConnectionLogGroup == group);
        if (endpoint is null)
        {
            return null;
        }

        // Bringing only this endpoint forward changes nothing for the others.
        endpoint.AdvanceTo(nowMs);
        var log = endpoint.Log;
        if (!endpoint.Profile.ConnectionLogEnabled && log.Events.Count == 0 && log.PrunedAttempts.Count == 0)
        {
            return null; // Logging never wrote here: the group was never created.
        }

        var stream = endpoint.Profile.ConnectionLogStream;
        if ((streams.Count > 0 && !streams.Contains(stream, StringComparer.Ordinal)) || (prefix is not null && !stream.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return new Page(stream, [], null, Searched: false);
        }

        var served = new List<ServedEvent>();
        var bytes = 0;
        var from = afterTs == long.MinValue ? log.IndexAfter(start == long.MinValue ? long.MinValue : start - 1, long.MaxValue) : log.IndexAfter(afterTs, afterSeq);
        for (var i = from; i < log.Events.Count; i++)
        {
            var entry = log.Events[i];
            if (entry.TimestampMs > end)
            {
                break;
            }

            if (entry.TimestampMs < start || !entry.IsIngestedAt(nowMs))
            {
                continue;
            }

            var fields = ConnectionLogMessage.Fields(endpoint.Profile, entry);
            var message = ConnectionLogMessage.Render(fields);
            if (!pattern.Matches(fields, message))
            {
                continue;
            }

            var size = Encoding.UTF8.GetByteCount(message) + EventOverheadBytes;
            if (served.Count == limit || (served.Count > 0 && bytes + size > MaxPageBytes))
            {
                // A page is full and a further match exists: the token continues after the last event served.
                return new Page(stream, served, served[^1].Entry, Searched: true);
            }

            bytes += size;
            served.Add(new ServedEvent(entry, message, log.EventIdOf(entry)));
        }

        return new Page(stream, served, null, Searched: true);
    }

    private static void Write(Utf8JsonWriter writer, Page page, string? nextToken)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("events");
        foreach (var served in page.Events)
        {
            writer.WriteStartObject();
            writer.WriteString("logStreamName", page.Stream);
            writer.WriteNumber("timestamp", served.Entry.TimestampMs);
            writer.WriteString("message", served.Message);
            writer.WriteNumber("ingestionTime", served.Entry.IngestionMs);
            writer.WriteString("eventId", served.EventId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("searchedLogStreams");
        if (page.Searched)
        {
            writer.WriteStartObject();
            writer.WriteString("logStreamName", page.Stream);
            writer.WriteBoolean("searchedCompletely", nextToken is null);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (nextToken is not null)
        {
            writer.WriteString("nextToken", nextToken);
        }

        writer.WriteEndObject();
    }

    // A token is bound to the request it continues: the same group, streams, times and pattern.
    private static string Scope(string group, IReadOnlyList<string> streams, string? prefix, long start, long end, string? pattern)
    {
        var text = string.Join('\n', group, string.Join('\t', streams), prefix ?? string.Empty, start.ToString(CultureInfo.InvariantCulture), end.ToString(CultureInfo.InvariantCulture), pattern ?? string.Empty);
        return "logs|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12)) + "|";
    }

    private static long? Time(QueryRequest request, string name)
    {
        var text = request.Get(name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid($"1 validation error detected: Value '{text}' at '{name}' failed to satisfy constraint: Member must have value greater than or equal to 0");
    }

    private static int Limit(QueryRequest request)
    {
        var text = request.Get("limit");
        if (text is null)
        {
            return MaxLimit;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > MaxLimit)
        {
            throw Invalid($"1 validation error detected: Value '{text}' at 'limit' failed to satisfy constraint: Member must have value between 1 and {MaxLimit}");
        }

        return limit;
    }

    private static QueryErrorException Invalid(string message) => new(new QueryError(400, "InvalidParameterException", message));

    private sealed record ServedEvent(ConnectionLogEvent Entry, string Message, string EventId);

    private sealed record Page(string Stream, IReadOnlyList<ServedEvent> Events, ConnectionLogEvent? ContinueAfter, bool Searched);
}
