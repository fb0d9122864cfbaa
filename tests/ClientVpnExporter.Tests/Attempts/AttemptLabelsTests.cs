using ClientVpnExporter.Attempts;

namespace ClientVpnExporter.Tests.Attempts;

public class AttemptLabelsTests
{
    [Theory]
    [InlineData("connection-attempt", "NA", true)]
    [InlineData("connection-attempt", "", true)]
    [InlineData("connection-attempt", "2026-12-01 14:30:00", false)]
    [InlineData("connection-reset", "NA", false)]
    [InlineData("something-else", "NA", false)]
    public void IsAttempt_TypeAndEndTime_OnlyAnAttemptWithoutEndTimeCounts(string type, string endTime, bool expected) =>
        Assert.Equal(expected, AttemptLabels.IsAttempt(new ConnectionLogEntry(type, "successful", "NA", endTime, "", "c")));

    [Theory]
    [InlineData("successful", "successful")]
    [InlineData("failed", "failed")]
    [InlineData("waiting-for-assertion", "waiting-for-assertion")]
    [InlineData("NA", "other")]
    [InlineData("", "other")]
    [InlineData("Failed", "other")]
    [InlineData("pending-something-new", "other")]
    public void Status_AnyText_DocumentedOrOther(string status, string expected) =>
        Assert.Equal(expected, AttemptLabels.Status(status));

    [Theory]
    [InlineData("NA", "none")]
    [InlineData("", "none")]
    [InlineData("client-connect-failed", "client-connect-failed")]
    [InlineData("client-connect-handler-timed-out", "client-connect-handler-timed-out")]
    [InlineData("client-connect-handler-other-execution-error", "client-connect-handler-other-execution-error")]
    [InlineData("client-connect-handler-throttled", "client-connect-handler-throttled")]
    [InlineData("client-connect-handler-invalid-response", "client-connect-handler-invalid-response")]
    [InlineData("client-connect-handler-service-error", "client-connect-handler-service-error")]
    [InlineData("authorization-policy-deny", "authorization-policy-deny")]
    [InlineData("authentication-failed", "other")]
    [InlineData("CLIENT-CONNECT-FAILED", "other")]
    public void Reason_AnyText_DocumentedNoneOrOther(string reason, string expected) =>
        Assert.Equal(expected, AttemptLabels.Reason(reason));

    [Fact]
    public void Reason_ManyUndocumentedTexts_StayOneLabelValue() =>
        Assert.Single(Enumerable.Range(0, 1000).Select(i => AttemptLabels.Reason($"reason-{i}")).Distinct());

    [Theory]
    [InlineData("alice", "client1", "alice")]
    [InlineData("NA", "client1", "client1")]
    [InlineData("", "client1", "client1")]
    [InlineData("NA", "NA", "")]
    public void User_UsernameElseCommonName(string username, string commonName, string expected) =>
        Assert.Equal(expected, AttemptLabels.User(new ConnectionLogEntry("connection-attempt", "failed", "NA", "NA", username, commonName)));
}
