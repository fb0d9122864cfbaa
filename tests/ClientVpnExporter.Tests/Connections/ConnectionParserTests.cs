using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Tests.Connections;

public class ConnectionParserTests
{
    [Fact]
    public void Parse_WellFormedConnection_ReadsEveryField()
    {
        var errors = new List<ParseError>();
        var parsed = ConnectionParser.Parse(Connection(), errors)!;

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2019, 8, 12, 10, 0, 0, TimeSpan.Zero), parsed.ReadAt);
        Assert.Equal("cvpn-connection-0123456789abcdef0", parsed.ConnectionId);
        Assert.Equal("active", parsed.Status);
        Assert.Equal("alice", parsed.User);
        Assert.Equal(9223372036854775807UL, parsed.IngressBytes);
        Assert.Equal(42UL, parsed.EgressBytes);
        Assert.Equal(7UL, parsed.IngressPackets);
        Assert.Equal(0UL, parsed.EgressPackets);
        Assert.Equal(new DateTimeOffset(2019, 8, 12, 7, 57, 14, TimeSpan.Zero), parsed.EstablishedAt);
        Assert.Null(parsed.EndedAt);
        Assert.Equal("compliant,disk-encrypted", parsed.Posture);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 12")]
    [InlineData("12 ")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1,000")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("18446744073709551616")]
    [InlineData("9223372036854775808")]
    [InlineData("abc")]
    [InlineData(null)]
    public void Parse_MalformedCounter_ReportsFieldAndKeepsTheRest(string? value)
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.IngressBytes = value;

        var parsed = ConnectionParser.Parse(connection, errors)!;

        Assert.Equal([new ParseError(ConnectionField.IngressBytes, value)], errors);
        Assert.Null(parsed.IngressBytes);
        Assert.Equal(42UL, parsed.EgressBytes);
        Assert.Equal("active", parsed.Status);
    }

    [Theory]
    [InlineData("2019-13-12 07:57:14")]
    [InlineData("12/08/2019 07:57:14")]
    [InlineData("")]
    [InlineData("yesterday")]
    public void Parse_MalformedEstablishedTime_ReportsFieldAndKeepsCounters(string value)
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.ConnectionEstablishedTime = value;

        var parsed = ConnectionParser.Parse(connection, errors)!;

        Assert.Equal(ConnectionField.ConnectionEstablishedTime, Assert.Single(errors).Field);
        Assert.Null(parsed.EstablishedAt);
        Assert.Equal(42UL, parsed.EgressBytes);
    }

    [Fact]
    public void Parse_EndTimeDash_MeansNotEnded()
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.ConnectionEndTime = "-";

        Assert.Null(ConnectionParser.Parse(connection, errors)!.EndedAt);
        Assert.Empty(errors);
    }

    [Fact]
    public void Parse_EndTime_IsReadAsUtc()
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.Status = new ClientVpnConnectionStatus { Code = ClientVpnConnectionStatusCode.Terminated };
        connection.ConnectionEndTime = "2019-08-12 09:00:00";

        var parsed = ConnectionParser.Parse(connection, errors)!;

        Assert.Equal(new DateTimeOffset(2019, 8, 12, 9, 0, 0, TimeSpan.Zero), parsed.EndedAt);
        Assert.False(parsed.IsActive);
    }

    [Fact]
    public void Parse_EmptyEndTime_IsAParseError()
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.ConnectionEndTime = "";

        ConnectionParser.Parse(connection, errors);

        Assert.Equal(ConnectionField.ConnectionEndTime, Assert.Single(errors).Field);
    }

    [Fact]
    public void Parse_NoConnectionId_IsSkippedAndReported()
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.ConnectionId = null;

        Assert.Null(ConnectionParser.Parse(connection, errors));
        Assert.Equal(ConnectionField.ConnectionId, Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("c1")]
    [InlineData("cvpn-connection-")]
    [InlineData("cvpn-connection-0123456")]
    [InlineData("cvpn-connection-0123456789abcdef01")]
    [InlineData("cvpn-connection-0123456789ABCDEF0")]
    [InlineData("cvpn-connection-0123456789abcdefg")]
    [InlineData("cvpn-connection-0123456789abcdef0 ")]
    [InlineData(" cvpn-connection-0123456789abcdef0")]
    [InlineData("cvpn-endpoint-0123456789abcdef0")]
    [InlineData("cvpn-connection-０123456789abcdef")]
    public void Parse_ConnectionIdNotAwsShaped_IsSkippedAndReported(string id)
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.ConnectionId = id;

        Assert.Null(ConnectionParser.Parse(connection, errors));
        Assert.Equal([new ParseError(ConnectionField.ConnectionId, id)], errors);
    }

    [Theory]
    [InlineData("cvpn-connection-0123abcd")]
    [InlineData("cvpn-connection-0123456789abcdef0")]
    public void Parse_ConnectionIdOfEitherAwsLength_IsAccepted(string id)
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.ConnectionId = id;

        Assert.Equal(id, ConnectionParser.Parse(connection, errors)!.ConnectionId);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Active")]
    [InlineData("active ")]
    [InlineData("connected")]
    [InlineData("unknown")]
    public void Parse_StatusNotOneOfTheApiCodes_IsUnknownAndReported(string code)
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.Status = new ClientVpnConnectionStatus { Code = new ClientVpnConnectionStatusCode(code) };

        Assert.Equal(ConnectionStatuses.Unknown, ConnectionParser.Parse(connection, errors)!.Status);
        Assert.Equal([new ParseError(ConnectionField.Status, code)], errors);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.256")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.1 ")]
    [InlineData("::1")]
    [InlineData("not an address")]
    public void Parse_ClientIpNotAnIpv4Address_IsDroppedAndReported(string value)
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.ClientIp = value;

        var parsed = ConnectionParser.Parse(connection, errors)!;

        Assert.Null(parsed.ClientIp);
        Assert.Equal([new ParseError(ConnectionField.ClientIp, value)], errors);
        Assert.Equal(42UL, parsed.EgressBytes);
    }

    [Theory]
    [InlineData("10.0.0.1", null)]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("fe80::1%eth0", "fe80::1%eth0")]
    public void Parse_ClientIpv6Address_MustBeAnIpv6Address(string value, string? expected)
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.ClientIp = "10.0.0.1";
        connection.ClientIpv6Address = value;

        var parsed = ConnectionParser.Parse(connection, errors)!;

        Assert.Equal("10.0.0.1", parsed.ClientIp);
        Assert.Equal(expected, parsed.ClientIpv6Address);
        Assert.Equal(expected is null ? [new ParseError(ConnectionField.ClientIpv6Address, value)] : [], errors);
    }

    [Fact]
    public void Parse_NameWithControlCharacters_IsCleanedAndReported()
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.Username = "alice\n[info] forged\u0007";

        var parsed = ConnectionParser.Parse(connection, errors)!;

        Assert.Equal("alice\uFFFD[info] forged\uFFFD", parsed.User);
        Assert.Equal(ConnectionField.Username, Assert.Single(errors).Field);
    }

    [Fact]
    public void Parse_OverlongNames_AreCutToTheBoundAndStayDistinct()
    {
        var errors = new List<ParseError>();
        var first = Connection();
        first.Username = null;
        first.CommonName = new string('a', 5000) + "1";
        var second = Connection();
        second.Username = null;
        second.CommonName = new string('a', 5000) + "2";

        var a = ConnectionParser.Parse(first, errors)!;
        var b = ConnectionParser.Parse(second, errors)!;

        Assert.Equal(ConnectionParser.MaxNameLength, a.User.Length);
        Assert.Equal(a.User, a.CommonName);
        Assert.NotEqual(a.User, b.User);
        Assert.Equal([ConnectionField.CommonName, ConnectionField.CommonName], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("2019-08-12 07:00:00")]
    [InlineData("2019-08-13 09:00:00")]
    public void Parse_EndBeforeStartOrPastTheLongestSession_DropsTheEndAndReports(string end)
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.Timestamp = "2019-08-14 00:00:00";
        connection.Status = new ClientVpnConnectionStatus { Code = ClientVpnConnectionStatusCode.Terminated };
        connection.ConnectionEndTime = end;

        var parsed = ConnectionParser.Parse(connection, errors)!;

        Assert.Null(parsed.EndedAt);
        Assert.Equal([new ParseError(ConnectionField.ConnectionEndTime, end)], errors);
    }

    [Fact]
    public void Parse_TimesAfterTheListingsOwnTime_AreDroppedAndReported()
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.Timestamp = "2019-08-12 07:00:00";
        connection.ConnectionEstablishedTime = "9999-12-31 23:59:59";
        connection.ConnectionEndTime = "2019-08-12 07:30:00";

        var parsed = ConnectionParser.Parse(connection, errors)!;

        Assert.Null(parsed.EstablishedAt);
        Assert.Null(parsed.EndedAt);
        Assert.Equal([ConnectionField.ConnectionEstablishedTime, ConnectionField.ConnectionEndTime], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("now")]
    public void Parse_MalformedTimestamp_IsReportedAndTheConnectionStillCounts(string? value)
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.Timestamp = value;

        var parsed = ConnectionParser.Parse(connection, errors)!;

        Assert.Null(parsed.ReadAt);
        Assert.Equal([new ParseError(ConnectionField.Timestamp, value)], errors);
        Assert.Equal(42UL, parsed.EgressBytes);
    }

    [Fact]
    public void Parse_NoUsername_FallsBackToCommonName()
    {
        var connection = Connection();
        connection.Username = null;
        connection.CommonName = "client1.vpn.example.com";

        Assert.Equal("client1.vpn.example.com", ConnectionParser.Parse(connection, new List<ParseError>())!.User);
    }

    [Fact]
    public void Parse_NoStatus_IsUnknownAndReported()
    {
        var errors = new List<ParseError>();
        var connection = Connection();
        connection.Status = null;

        Assert.Equal(ConnectionStatuses.Unknown, ConnectionParser.Parse(connection, errors)!.Status);
        Assert.Equal(ConnectionField.Status, Assert.Single(errors).Field);
    }

    [Fact]
    public void Parse_RandomStrings_NeverThrow()
    {
        var random = new Random(12345);
        const string alphabet = "0123456789 -:+.,eE\u0000\u00e9abcT Z";
        string Next() => random.Next(8) == 0 ? null! : new string(Enumerable.Range(0, random.Next(0, 25)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

        for (var i = 0; i < 5000; i++)
        {
            var connection = new ClientVpnConnection
            {
                ConnectionId = Next(),
                IngressBytes = Next(),
                EgressBytes = Next(),
                IngressPackets = Next(),
                EgressPackets = Next(),
                ConnectionEstablishedTime = Next(),
                ConnectionEndTime = Next(),
                Username = Next(),
                CommonName = Next(),
                PostureComplianceStatuses = random.Next(2) == 0 ? null : [Next(), Next()],
            };

            var errors = new List<ParseError>();
            var parsed = ConnectionParser.Parse(connection, errors);
            Assert.True(parsed is not null || errors.Count > 0);
        }
    }

    [Theory]
    [InlineData("2019-02-29 10:00:00")]
    [InlineData("2019-04-31 10:00:00")]
    [InlineData("2019-08-00 07:57:14")]
    [InlineData("0000-08-12 07:57:14")]
    [InlineData("2019-08-12 24:00:00")]
    [InlineData("2019-08-12 07:60:14")]
    [InlineData("2019-08-12 07:57:60")]
    [InlineData("2019-08-12 07:57:1x")]
    [InlineData("2019-08-12T07:57:14")]
    [InlineData("2019-08-12 07:57:14 ")]
    [InlineData("\uff12019-08-12 07:57:14")]
    public void TryParseTimestamp_ApiFormatOutOfRange_IsRejected(string value)
    {
        Assert.False(ConnectionParser.TryParseTimestamp(System.Text.RegularExpressions.Regex.Unescape(value), out _));
    }

    [Theory]
    [InlineData("2020-02-29 23:59:59", 2020, 2, 29, 23, 59, 59)]
    [InlineData("0001-01-01 00:00:00", 1, 1, 1, 0, 0, 0)]
    [InlineData("9999-12-31 23:59:59", 9999, 12, 31, 23, 59, 59)]
    [InlineData("2019-08-12T07:57:14Z", 2019, 8, 12, 7, 57, 14)]
    public void TryParseTimestamp_ValidTime_IsUtc(string value, int year, int month, int day, int hour, int minute, int second)
    {
        Assert.True(ConnectionParser.TryParseTimestamp(value, out var parsed));
        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero), parsed);
    }

    [Fact]
    public void TryParseTimestamp_RandomApiShapedStrings_AgreeWithTheGeneralParser()
    {
        var random = new Random(2019);
        const string digits = "0123456789";
        for (var i = 0; i < 20000; i++)
        {
            var chars = "0000-00-00 00:00:00".ToCharArray();
            foreach (var position in new[] { 0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18 })
            {
                // Mostly plausible digits, so that valid and invalid dates both come up often.
                chars[position] = random.Next(20) == 0 ? "x9 "[random.Next(3)] : digits[random.Next(position is 5 or 8 or 11 or 14 or 17 ? 4 : 10)];
            }

            var value = new string(chars);
            var expected = DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var utc);

            Assert.Equal(expected, ConnectionParser.TryParseTimestamp(value, out var parsed));
            if (expected)
            {
                Assert.Equal(new DateTimeOffset(utc, TimeSpan.Zero), parsed);
            }
        }
    }

    public static TheoryData<string[]?> Postures { get; } = new()
    {
        null,
        Array.Empty<string>(),
        new[] { "compliant" },
        new[] { " compliant " },
        new[] { "" },
        new[] { "disk-encrypted", "compliant", "compliant" },
        new[] { new string('p', 100) },
    };

    [Theory]
    [MemberData(nameof(Postures))]
    public void Parse_WithStringPool_GivesTheSameConnection(string[]? posture)
    {
        var strings = new StringPool();
        for (var i = 0; i < 2; i++)
        {
            var connection = Connection();
            connection.PostureComplianceStatuses = posture?.ToList();

            var pooled = ConnectionParser.Parse(connection, new List<ParseError>(), strings);

            Assert.Equal(ConnectionParser.Parse(connection, new List<ParseError>()), pooled);
        }
    }

    [Fact]
    public void Parse_WithStringPool_SharesRepeatedUsers()
    {
        var strings = new StringPool();
        var first = Connection();
        first.Username = new string("alice".ToCharArray());
        var second = Connection();
        second.Username = new string("alice".ToCharArray());

        var a = ConnectionParser.Parse(first, new List<ParseError>(), strings)!;
        var b = ConnectionParser.Parse(second, new List<ParseError>(), strings)!;

        Assert.Same(a.User, b.User);
    }

    private static ClientVpnConnection Connection() => new()
    {
        ClientVpnEndpointId = "cvpn-endpoint-0123456789abcdef0",
        ConnectionId = "cvpn-connection-0123456789abcdef0",
        Username = "alice",
        CommonName = "alice",
        IngressBytes = "9223372036854775807",
        EgressBytes = "42",
        IngressPackets = "7",
        EgressPackets = "0",
        ConnectionEstablishedTime = "2019-08-12 07:57:14",
        ConnectionEndTime = "-",
        Timestamp = "2019-08-12 10:00:00",
        Status = new ClientVpnConnectionStatus { Code = ClientVpnConnectionStatusCode.Active },
        PostureComplianceStatuses = ["disk-encrypted", "compliant"],
    };
}
