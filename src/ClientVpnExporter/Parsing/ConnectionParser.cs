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
    /// <param name="connection">The connection as the SDK returned it.</param>
    /// <param name="errors">Receives each field that did not parse.</param>
    /// <param name="strings">Shares repeated strings across the connections of one listing; none when null.</param>
    public static ParsedConnection? Parse(ClientVpnConnection connection, ICollection<ParseError> errors, StringPool? strings = null)
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
            ConnectionId = strings is null ? connection.ConnectionId : strings.ConnectionId(connection.ConnectionId),
            Status = status,
            User = Pooled(UserOf(connection), strings),
            CommonName = NullIfEmpty(connection.CommonName) is { } commonName ? Pooled(commonName, strings) : null,
            ClientIp = NullIfEmpty(connection.ClientIp),
            ClientIpv6Address = NullIfEmpty(connection.ClientIpv6Address),
            Posture = strings is null ? PostureLabel.From(connection.PostureComplianceStatuses) : strings.Posture(connection.PostureComplianceStatuses),
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
        if (TryParseApiTime(value, out timestamp))
        {
            return true;
        }

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

    /// <summary>
    /// The API's own format, <c>yyyy-MM-dd HH:mm:ss</c>, read directly: two of them in every connection, and
    /// the general parser costs more than the rest of the connection. Anything else goes to the general parser,
    /// which decides.
    /// </summary>
    private static bool TryParseApiTime(string? value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (value is not { Length: 19 } || value[4] != '-' || value[7] != '-' || value[10] != ' ' || value[13] != ':' || value[16] != ':')
        {
            return false;
        }

        if (!TryDigits(value, 0, 4, out var year) || !TryDigits(value, 5, 2, out var month) || !TryDigits(value, 8, 2, out var day)
            || !TryDigits(value, 11, 2, out var hour) || !TryDigits(value, 14, 2, out var minute) || !TryDigits(value, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        timestamp = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(string value, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = value[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
    }

    private static string UserOf(ClientVpnConnection connection) =>
        NullIfEmpty(connection.Username) ?? NullIfEmpty(connection.CommonName) ?? "unknown";

    private static string Pooled(string value, StringPool? strings) => strings is null ? value : strings.Intern(value);

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
