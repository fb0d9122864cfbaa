using ClientVpnExporter.Aws;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Tests.Aws.Services;

public sealed class LogsClientTests
{
    [Fact]
    public async Task FilterLogEventsAsync_Query_SendsCamelCaseMillisecondsAndReadsOnePage()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(Answer.Json(200, """
            {"events":[{"logStreamName":"cvpn-endpoint-0123-eu-west-1-2026/12/01-abc","timestamp":1764590400123,"message":"{\"connection-id\":\"cvpn-connection-1\"}","ingestionTime":1764590401000,"eventId":"3721"}],
             "searchedLogStreams":[],"nextToken":"more"}
            """));
        var query = new LogEventsQuery(
            "/aws/clientvpn/prod",
            StartTime: DateTimeOffset.FromUnixTimeMilliseconds(1764586800000),
            EndTime: DateTimeOffset.FromUnixTimeMilliseconds(1764590400500),
            FilterPattern: "{ $.connection-id = * }");

        var page = await harness.Target.Services.Logs.FilterLogEventsAsync(query, nextToken: null, CancellationToken.None);

        var request = Assert.Single(harness.Service.Requests);
        Assert.Null(request.SignatureProblem);
        Assert.Equal("Logs_20140328.FilterLogEvents", request.Headers["x-amz-target"]);
        Assert.Equal("20261201/eu-west-1/logs/aws4_request", request.Scope);
        Assert.Equal(
            """{"logGroupName":"/aws/clientvpn/prod","startTime":1764586800000,"endTime":1764590400500,"filterPattern":"{ $.connection-id = * }"}""",
            request.Body);
        Assert.Equal("more", page.NextToken);
        Assert.Equal(
            new LogEvent(
                "cvpn-endpoint-0123-eu-west-1-2026/12/01-abc",
                DateTimeOffset.FromUnixTimeMilliseconds(1764590400123),
                DateTimeOffset.FromUnixTimeMilliseconds(1764590401000),
                """{"connection-id":"cvpn-connection-1"}""",
                "3721"),
            Assert.Single(page.Events));
        Assert.Equal([(ServiceOperations.FilterLogEvents, ApiOutcome.Success, 1L)], harness.CountedCalls());
    }
}
