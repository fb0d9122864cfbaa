using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Parsing;

namespace ClientVpnExporter.Tests.Parsing;

public class ConnectionParserTests
{
    [Fact]
    public void Parse_WellFormedConnection_ReadsEveryField()
    {
        var errors = new List<ParseError>();
        var parsed = ConnectionParser.Parse(Connection(), errors)!;

        Assert.Empty(errors);
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
        Status = new ClientVpnConnectionStatus { Code = ClientVpnConnectionStatusCode.Active },
        PostureComplianceStatuses = ["disk-encrypted", "compliant"],
    };
}
