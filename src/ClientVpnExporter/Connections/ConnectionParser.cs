using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.EC2.Model;

namespace ClientVpnExporter.Connections;

/// <summary>
/// Parses the string fields of a <see cref="ClientVpnConnection"/>. Never throws: a field that does not parse
/// is reported in <c>errors</c> and left null, and the rest of the connection is still usable.
/// </summary>
internal static class ConnectionParser
{
    /// <summary>What the API puts in <c>ConnectionEndTime</c> while a session has not ended.</summary>
    public const string NotEnded = "-";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>The prefix of every Client VPN connection id.</summary>
    public const string ConnectionIdPrefix = "cvpn-connection-";

    /// <summary>The longest text of an address: an IPv6 address with an embedded IPv4 one.</summary>
    private const int MaxAddressLength = 45;

    /// <summary>The longest user or common name kept as it is; a longer one is cut, with a hash (<see cref="BoundedLabel"/>).</summary>
    public const int MaxNameLength = 256;

    /// <summary>
    /// The longest session AWS allows (24 hours) and an hour of slack: an ended session that lasted longer has a
    /// wrong start or end time, and observing it would put an absurd value in the duration histogram.
    /// </summary>
    public static readonly TimeSpan MaxSessionDuration = TimeSpan.FromHours(25);

    /// <summary>How far past the listing's own time a start or end time may lie: none should, the API sets all three.</summary>
    public static readonly TimeSpan MaxClockLead = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Parses <paramref name="connection"/>; returns null only when its connection id is missing or not
    /// AWS-shaped, since its counters could then not be followed from poll to poll (a garbled id would count
    /// the connection's whole traffic again as a new one).
    /// </summary>
    /// <param name="connection">The connection as the SDK returned it.</param>
    /// <param name="errors">Receives each field that did not parse.</param>
    /// <param name="strings">Shares repeated strings across the connections of one listing; none when null.</param>
    public static ParsedConnection? Parse(ClientVpnConnection connection, ICollection<ParseError> errors, StringPool? strings = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var text = ConnectionText.Of(connection);
        return Parse(in text, errors, strings);
    }

    /// <summary>Parses a connection's field text, by the same rules whether the SDK or <see cref="Aws.ConnectionPageXml"/> read it.</summary>
    public static ParsedConnection? Parse(scoped in ConnectionText connection, ICollection<ParseError> errors, StringPool? strings = null)
    {
        ArgumentNullException.ThrowIfNull(errors);

        if (!connection.ConnectionId.Present || !IsConnectionId(connection.ConnectionId.Value))
        {
            errors.Add(new ParseError(ConnectionField.ConnectionId, connection.ConnectionId.AsString()));
            return null;
        }

        var status = ConnectionStatuses.Documented(connection.Status.Value);
        if (status is null || !connection.Status.Present)
        {
            // Only the documented codes become label values, so a garbled status cannot add series.
            errors.Add(new ParseError(ConnectionField.Status, connection.Status.AsString()));
            status = ConnectionStatuses.Unknown;
        }

        var readAt = ParseTimestamp(connection.Timestamp, ConnectionField.Timestamp, errors);
        var establishedAt = NotAfter(ParseTimestamp(connection.EstablishedTime, ConnectionField.ConnectionEstablishedTime, errors), readAt, connection.EstablishedTime, ConnectionField.ConnectionEstablishedTime, errors);
        var endedAt = NotAfter(ParseEndTime(connection.EndTime, errors), readAt, connection.EndTime, ConnectionField.ConnectionEndTime, errors);
        if (endedAt is { } end && establishedAt is { } start && (end < start || end - start > MaxSessionDuration))
        {
            errors.Add(new ParseError(ConnectionField.ConnectionEndTime, connection.EndTime.AsString()));
            endedAt = null;
        }

        var commonName = Name(connection.CommonName, ConnectionField.CommonName, errors, strings);
        var id = connection.ConnectionId;
        return new ParsedConnection
        {
            ConnectionId = strings?.ConnectionId(id.Value) ?? id.AsString()!,
            Status = status,
            User = Name(connection.Username, ConnectionField.Username, errors, strings) ?? commonName ?? "unknown",
            CommonName = commonName,
            ClientIp = IpAddress(connection.ClientIp, AddressFamily.InterNetwork, ConnectionField.ClientIp, errors),
            ClientIpv6Address = IpAddress(connection.ClientIpv6Address, AddressFamily.InterNetworkV6, ConnectionField.ClientIpv6Address, errors),
            Posture = Posture(connection, strings),
            IngressBytes = ParseCounter(connection.IngressBytes, ConnectionField.IngressBytes, errors),
            EgressBytes = ParseCounter(connection.EgressBytes, ConnectionField.EgressBytes, errors),
            IngressPackets = ParseCounter(connection.IngressPackets, ConnectionField.IngressPackets, errors),
            EgressPackets = ParseCounter(connection.EgressPackets, ConnectionField.EgressPackets, errors),
            ReadAt = readAt,
            EstablishedAt = establishedAt,
            EndedAt = endedAt,
        };
    }

    /// <summary>Whether <paramref name="value"/> has the shape of a connection id: the prefix, then 8 to 17 lower-case hex digits.</summary>
    public static bool IsConnectionId([NotNullWhen(true)] string? value) => value is not null && IsConnectionId(value.AsSpan());

    private static bool IsConnectionId(ReadOnlySpan<char> value)
    {
        if (!value.StartsWith(ConnectionIdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = value[ConnectionIdPrefix.Length..];
        return digits.Length is >= 8 and <= 17 && !digits.ContainsAnyExcept(HexDigits);
    }

    /// <summary>
    /// Parses a counter string: decimal digits only, no sign, no separators, no white space, at most 2^63-1.
    /// No connection moves 9 exabytes; a larger value is a glitch, and it could not be exported exactly.
    /// </summary>
    public static bool TryParseCounter(string? value, out ulong counter) => TryParseCounter(value.AsSpan(), out counter);

    private static bool TryParseCounter(ReadOnlySpan<char> value, out ulong counter) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out counter) && counter <= long.MaxValue;

    /// <summary>Parses an API time such as <c>2019-08-12 07:57:14</c>, which is UTC without a zone.</summary>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset timestamp)
    {
        if (value is null)
        {
            timestamp = default;
            return false;
        }

        return TryParseTimestamp(value.AsSpan(), out timestamp);
    }

    /// <summary>Parses an API time, as <see cref="TryParseTimestamp(string?, out DateTimeOffset)"/>.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> value, out DateTimeOffset timestamp)
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
    private static bool TryParseApiTime(ReadOnlySpan<char> value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (value.Length != 19 || value[4] != '-' || value[7] != '-' || value[10] != ' ' || value[13] != ':' || value[16] != ':')
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

    private static bool TryDigits(ReadOnlySpan<char> value, int start, int count, out int number)
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

    // A user or common name becomes a label: bounded and without control characters, still distinct when changed.
    private static string? Name(FieldText value, ConnectionField field, ICollection<ParseError> errors, StringPool? strings)
    {
        var name = value.Value;
        if (!value.Present || name.IsWhiteSpace())
        {
            return null;
        }

        if (BoundedLabel.Fits(name, MaxNameLength))
        {
            return strings is null ? value.AsString() : strings.Intern(name);
        }

        var text = value.AsString()!;
        BoundedLabel.TryKeep(text, MaxNameLength, out var label);
        errors.Add(new ParseError(field, text));
        return strings is null ? label : strings.Intern(label);
    }

    // The API gives addresses in their usual text; anything else would be a label no one can read, so it is dropped.
    private static string? IpAddress(FieldText value, AddressFamily family, ConnectionField field, ICollection<ParseError> errors)
    {
        var text = value.Value;
        if (!value.Present || text.IsWhiteSpace())
        {
            return null;
        }

        if (text.Length <= MaxAddressLength && IPAddress.TryParse(text, out var address) && address.AddressFamily == family
            && (family != AddressFamily.InterNetwork || IsCanonical(address, text)))
        {
            return value.AsString();
        }

        errors.Add(new ParseError(field, value.AsString()));
        return null;
    }

    // IPAddress.TryParse takes "1" or "010.0.0.1" as IPv4; only the usual dotted quad, as the API writes it, is an address here.
    private static bool IsCanonical(IPAddress address, ReadOnlySpan<char> text)
    {
        Span<char> formatted = stackalloc char[15];
        return address.TryFormat(formatted, out var written) && formatted[..written].SequenceEqual(text);
    }

    private static string Posture(scoped in ConnectionText connection, StringPool? strings)
    {
        if (connection.PostureCount == 0)
        {
            return PostureLabel.None;
        }

        if (strings is not null && connection.PostureCount == 1)
        {
            return strings.Posture(connection.FirstPosture.Value);
        }

        var statuses = connection.Postures ?? [connection.FirstPosture.AsString()!];
        return strings is null ? PostureLabel.From(statuses) : strings.Posture(statuses);
    }

    private static DateTimeOffset? NotAfter(DateTimeOffset? time, DateTimeOffset? readAt, FieldText value, ConnectionField field, ICollection<ParseError> errors)
    {
        if (time is { } t && readAt is { } now && t - now > MaxClockLead)
        {
            errors.Add(new ParseError(field, value.AsString()));
            return null;
        }

        return time;
    }

    private static ulong? ParseCounter(FieldText value, ConnectionField field, ICollection<ParseError> errors)
    {
        if (value.Present && TryParseCounter(value.Value, out var counter))
        {
            return counter;
        }

        errors.Add(new ParseError(field, value.AsString()));
        return null;
    }

    private static DateTimeOffset? ParseTimestamp(FieldText value, ConnectionField field, ICollection<ParseError> errors)
    {
        if (value.Present && TryParseTimestamp(value.Value, out var timestamp))
        {
            return timestamp;
        }

        errors.Add(new ParseError(field, value.AsString()));
        return null;
    }

    private static DateTimeOffset? ParseEndTime(FieldText value, ICollection<ParseError> errors) =>
        !value.Present || value.Value.SequenceEqual(NotEnded) ? null : ParseTimestamp(value, ConnectionField.ConnectionEndTime, errors);
}
