using ClientVpnExporter.Attempts;

namespace ClientVpnExporter.Tests.Attempts;

public class ConnectionLogEntryParserTests
{
    [Fact]
    public void Parse_DocumentedEntry_ReadsTheFieldsTheRuleNeeds()
    {
        var entry = ConnectionLogEntryParser.Parse(LogEntries.Attempt("failed", "client-connect-failed", "alice", "client1"));

        Assert.Equal(new ConnectionLogEntry("connection-attempt", "failed", "client-connect-failed", "NA", "alice", "client1"), entry);
    }

    [Fact]
    public void Parse_AuthorizationPolicyEvaluationObject_IsAccepted()
    {
        const string Message = """{"connection-log-type":"connection-attempt","connection-attempt-status":"failed","connection-attempt-failure-reason":"authorization-policy-deny","connection-end-time":"NA","common-name":"c","authorization-policy-evaluation":{"decision":"deny"}}""";

        var entry = ConnectionLogEntryParser.Parse(Message);

        Assert.Equal("authorization-policy-deny", entry!.FailureReason);
        Assert.Equal("", entry.Username);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"connection-attempt\"")]
    [InlineData("""{"connection-attempt-status":"failed"}""")]
    [InlineData("""{"connection-log-type":7}""")]
    [InlineData("""{"connection-log-type":"connection-attempt","connection-attempt-status":{"x":1}}""")]
    [InlineData("""{"connection-log-type":"connection-attempt","username":["a"]}""")]
    [InlineData("""{"connection-log-type":"connection-attempt",""")]
    public void Parse_NotAConnectionLogEntry_ReturnsNull(string message) =>
        Assert.Null(ConnectionLogEntryParser.Parse(message));
}
