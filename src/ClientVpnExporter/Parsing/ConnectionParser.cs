using System.Globalization;
using Amazon.EC2.Model;
using ClientVpnExporter.Labels;

namespace ClientVpnExporter.Parsing;

/// <summary>
/// Parses the string fields of a <see cref="ClientVpnConnection"/>. Never throws: a field that does not parse
/// is reported in <c>errors</c> and left null, and the rest of the connection is still usable.
/// </summary>
internal static class ConnectionParser
{
    /// <summary>What the API puts in <c>ConnectionEndTime</c> while a session has not ended.</summary>
    public const string NotEnded = "-";

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>
    /// Parses <paramref name="connection"/>; returns null only when it has no connection id, since without one
    /// its counters cannot be followed from poll to poll.
    /// </summary>
    public static ParsedConnection? Parse(ClientVpnConnection connection, ICollection<ParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(errors);

        if (string.IsNullOrWhiteSpace(connection.ConnectionId))
        {
            errors.Add(new ParseError(ConnectionField.ConnectionId, connection.ConnectionId));
            return null;
        }

        var status = connection.Status?.Code?.Value;
        if (string.IsNullOrWhiteSpace(status))
        {
            errors.Add(new ParseError(ConnectionField.Status, status));
            status = ConnectionStatuses.Unknown;
        }

        return new ParsedConnection
        {
            ConnectionId = connection.ConnectionId,
            Status = status,
            User = UserOf(connection),
            CommonName = NullIfEmpty(connection.CommonName),
            ClientIp = NullIfEmpty(connection.ClientIp),
            ClientIpv6Address = NullIfEmpty(connection.ClientIpv6Address),
            Posture = PostureLabel.From(connection.PostureComplianceStatuses),
            IngressBytes = ParseCounter(connection.IngressBytes, ConnectionField.IngressBytes, errors),
            EgressBytes = ParseCounter(connection.EgressBytes, ConnectionField.EgressBytes, errors),
            IngressPackets = ParseCounter(connection.IngressPackets, ConnectionField.IngressPackets, errors),
            EgressPackets = ParseCounter(connection.EgressPackets, ConnectionField.EgressPackets, errors),
            EstablishedAt = ParseTimestamp(connection.ConnectionEstablishedTime, ConnectionField.ConnectionEstablishedTime, errors),
            EndedAt = ParseEndTime(connection.ConnectionEndTime, errors),
        };
    }

    /// <summary>
    /// Parses a counter string: decimal digits only, no sign, no separators, no white space, at most 2^63-1.
    /// No connection moves 9 exabytes; a larger value is a glitch, and it could not be exported exactly.
    /// </summary>
    public static bool TryParseCounter(string? value, out ulong counter) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out counter) && counter <= long.MaxValue;

    /// <summary>Parses an API time such as <c>2019-08-12 07:57:14</c>, which is UTC without a zone.</summary>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset timestamp)
    {
        if (DateTime.TryParseExact(
                value,
                TimestampFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var utc))
        {
            timestamp = new DateTimeOffset(utc, TimeSpan.Zero);
            return true;
        }

        timestamp = default;
        return false;
    }

    private static string UserOf(ClientVpnConnection connection) =>
        NullIfEmpty(connection.Username) ?? NullIfEmpty(connection.CommonName) ?? "unknown";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static ulong? ParseCounter(string? value, ConnectionField field, ICollection<ParseError> errors)
    {
        if (TryParseCounter(value, out var counter))
        {
            return counter;
        }

        errors.Add(new ParseError(field, value));
        return null;
    }

    private static DateTimeOffset? ParseTimestamp(string? value, ConnectionField field, ICollection<ParseError> errors)
    {
        if (TryParseTimestamp(value, out var timestamp))
        {
            return timestamp;
        }

        errors.Add(new ParseError(field, value));
        return null;
    }

    private static DateTimeOffset? ParseEndTime(string? value, ICollection<ParseError> errors) =>
        value is null || value == NotEnded ? null : ParseTimestamp(value, ConnectionField.ConnectionEndTime, errors);
}
