using System.Text.Json;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

/// <summary>The connection log and connectionLogOptions as botocore's real CloudWatch Logs and EC2 clients parse them.</summary>
public sealed class BotocoreConnectionLogTests
{
    private static SimulatorOptions Fleet() => SimulatorHarness.Options(o =>
    {
        o.Endpoints = 3;
        o.ChurnPerHour = 600;
        o.FailedAttemptShare = 0.2;
        o.LogIngestionDelay = "0-120s";
    });

    [BotocoreFact]
    public async Task FilterLogEvents_BotocoresPaginator_ReadsTheSameEventsAsOnePageAndParsesEveryMember()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        await sim.AdvanceAsync(1800);
        var group = (await sim.TruthAsync()).Endpoints[0].ConnectionLog.LogGroup;
        var (expected, _) = await ConnectionLogTests.ReadAllAsync(sim, group);

        var results = await Botocore.RunAsync(
            sim.Server.BaseAddress,
            new BotocoreCall("logs", "FilterLogEvents", new() { ["logGroupName"] = group }, PageSize: 40),
            new BotocoreCall("logs", "FilterLogEvents", new() { ["logGroupName"] = group, ["filterPattern"] = "\"failed\"", ["startTime"] = 0L }));

        Assert.Null(results[0].Error);
        Assert.True(results[0].Pages.Count > 3, $"{results[0].Pages.Count} pages; botocore must page");
        var events = results[0].Pages.SelectMany(p => p.GetProperty("events").EnumerateArray()).ToList();
        Assert.Equal(expected.Select(Fields), events.Select(Fields));
        Assert.Equal(["eventId", "ingestionTime", "logStreamName", "message", "timestamp"], results[0].Members["/events/*"]);
        Assert.All(events, e => Assert.Equal(5, e.EnumerateObject().Count()));
        Assert.All(results[0].Pages, p => Assert.Equal("connections", p.GetProperty("searchedLogStreams")[0].GetProperty("logStreamName").GetString()));
        var failed = results[1].Pages.SelectMany(p => p.GetProperty("events").EnumerateArray()).Select(ConnectionLogTests.Message).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, m => Assert.Contains("failed", JsonSerializer.Serialize(m), StringComparison.Ordinal));
    }

    private static (string?, long, string?, long, string?) Fields(JsonElement e) => (
        e.GetProperty("eventId").GetString(),
        e.GetProperty("timestamp").GetInt64(),
        e.GetProperty("message").GetString(),
        e.GetProperty("ingestionTime").GetInt64(),
        e.GetProperty("logStreamName").GetString());

    [BotocoreFact]
    public async Task FilterLogEvents_Errors_ParseAsTheirCodesInBotocore()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var group = (await sim.TruthAsync()).Endpoints[0].ConnectionLog.LogGroup;
        var missing = await Botocore.RunAsync(sim.Server.BaseAddress, new BotocoreCall("logs", "FilterLogEvents", new() { ["logGroupName"] = "/aws/clientvpn/none" }));
        await sim.PutAsync("sim/permissions", """{"deny":[{"action":"logs:FilterLogEvents"}]}""");
        var denied = await Botocore.RunAsync(sim.Server.BaseAddress, new BotocoreCall("logs", "FilterLogEvents", new() { ["logGroupName"] = group }));
        await sim.PutAsync("sim/permissions", """{"deny":[]}""");
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"FilterLogEvents","throttleRate":1}]}""");
        var throttled = await Botocore.RunAsync(sim.Server.BaseAddress, new BotocoreCall("logs", "FilterLogEvents", new() { ["logGroupName"] = group }));

        Assert.Equal(("ResourceNotFoundException", 400), (missing[0].Error!.Code, missing[0].Error!.HttpStatusCode));
        Assert.Equal(("AccessDeniedException", 400), (denied[0].Error!.Code, denied[0].Error!.HttpStatusCode));
        Assert.Contains($"logs:FilterLogEvents on resource: arn:aws:logs:us-east-1:111111111111:log-group:{group}:*", denied[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(("ThrottlingException", 400), (throttled[0].Error!.Code, throttled[0].Error!.HttpStatusCode));
    }

    [BotocoreFact]
    public async Task DescribeClientVpnEndpoints_BotocoreParsesConnectionLogOptionsPascalCaseChildren()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var results = await Botocore.RunAsync(sim.Server.BaseAddress, new BotocoreCall("ec2", "DescribeClientVpnEndpoints"));

        var endpoints = results[0].Pages[0].GetProperty("ClientVpnEndpoints").EnumerateArray().ToList();
        var enabled = endpoints[0].GetProperty("ConnectionLogOptions");
        var disabled = endpoints[1].GetProperty("ConnectionLogOptions");
        Assert.True(enabled.GetProperty("Enabled").GetBoolean());
        Assert.Equal($"/aws/clientvpn/{endpoints[0].GetProperty("ClientVpnEndpointId").GetString()}", enabled.GetProperty("CloudwatchLogGroup").GetString());
        Assert.Equal("connections", enabled.GetProperty("CloudwatchLogStream").GetString());
        Assert.False(disabled.GetProperty("Enabled").GetBoolean());
        Assert.False(disabled.TryGetProperty("CloudwatchLogGroup", out _));
        Assert.Equal(["CloudwatchLogGroup", "CloudwatchLogStream", "Enabled"], results[0].Members["/ClientVpnEndpoints/*/ConnectionLogOptions"]);
    }
}
