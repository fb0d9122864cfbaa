using System.Net;
using System.Text;
using System.Text.Json;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

/// <summary>
/// The connection log through CloudWatch Logs FilterLogEvents over HTTP (JSON 1.1, as any SDK sends it), compared
/// with ground truth; its control routes; connectionLogOptions through the real .NET EC2 SDK.
/// </summary>
public sealed class ConnectionLogTests
{
    private static readonly string[] Documented =
    [
        "client-connect-failed", "client-connect-handler-timed-out", "client-connect-handler-other-execution-error",
        "client-connect-handler-throttled", "client-connect-handler-invalid-response", "client-connect-handler-service-error",
        "authorization-policy-deny",
    ];

    private static readonly string[] Fields =
    [
        "connection-log-type", "connection-attempt-status", "connection-reset-status", "connection-attempt-failure-reason",
        "connection-id", "client-vpn-endpoint-id", "transport-protocol", "connection-start-time", "connection-last-update-time",
        "client-ip", "client-ip-v6", "common-name", "device-type", "device-ip", "port", "ingress-bytes", "egress-bytes",
        "ingress-packets", "egress-packets", "connection-end-time", "posture-compliance-statuses", "username",
        "connection-duration-seconds",
    ];

    private static SimulatorOptions Busy(Action<SimulatorOptions>? configure = null) => SimulatorHarness.Options(o =>
    {
        o.Endpoints = 3;
        o.ConnectionsPerEndpoint = 40;
        o.ChurnPerHour = 600;
        o.FailedAttemptShare = 0.2;
        o.LogIngestionDelay = "0-120s";
        configure?.Invoke(o);
    });

    [Fact]
    public async Task FilterLogEvents_PagedWithASmallLimit_ServesEachIngestedEventOnceInTimestampOrder_AndItsAttemptsEqualTruth()
    {
        await using var sim = await SimulatorHarness.StartAsync(Busy());
        await sim.AdvanceAsync(1800);

        // The log keeps the last hour: counting from its horizon, truth counts exactly what the log still holds.
        var now = SimulatorHarness.DefaultStart.ToUnixTimeMilliseconds() + 1_800_000;
        var truth = await sim.TruthAsync(users: true, attemptsSince: (now / 1000) - 3600);

        foreach (var endpoint in truth.Endpoints.Where(e => e.ConnectionLog.Enabled))
        {
            var (events, pages) = await ReadAllAsync(sim, endpoint.ConnectionLog.LogGroup, limit: 37);
            Assert.True(pages > 3, $"{endpoint.EndpointId}: {pages} pages; the test must page");
            Assert.Equal(events.Count, events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
            Assert.Equal(events.Select(Timestamp), events.Select(Timestamp).Order());
            Assert.All(events, e => Assert.True(e.GetProperty("ingestionTime").GetInt64() <= now));
            Assert.All(events, e => Assert.True(e.GetProperty("ingestionTime").GetInt64() >= Timestamp(e)));
            Assert.All(events, e => Assert.Equal(endpoint.ConnectionLog.LogStream, e.GetProperty("logStreamName").GetString()));
            Assert.Equal(endpoint.ConnectionLog.EventsIngested, events.Count);

            var messages = events.Select(Message).ToList();
            Assert.All(messages, m => Assert.Equal(Fields, m.Keys));
            Assert.All(messages, m => Assert.Equal(endpoint.EndpointId, m["client-vpn-endpoint-id"]));
            var attempts = messages.Where(IsAttempt).ToList();
            Assert.Equal(
                endpoint.ConnectionLog.Attempts.Select(a => (a.Status, a.Reason, a.Count)),
                attempts.GroupBy(m => (Status: StatusLabel(m), Reason: ReasonLabel(m)))
                    .Select(g => (g.Key.Status, g.Key.Reason, (long)g.Count()))
                    .OrderBy(a => a.Status, StringComparer.Ordinal).ThenBy(a => a.Reason, StringComparer.Ordinal));
            Assert.Equal(
                endpoint.ConnectionLog.AttemptsByUser!.Select(a => (a.User, a.Status, a.Count)),
                attempts.GroupBy(m => (User: UserLabel(m), Status: StatusLabel(m)))
                    .Select(g => (g.Key.User, g.Key.Status, (long)g.Count()))
                    .OrderBy(a => a.User, StringComparer.Ordinal).ThenBy(a => a.Status, StringComparer.Ordinal));
            Assert.Equal(endpoint.ConnectionLog.NewestIngestedTimestamp, Timestamp(events[^1]) / 1000.0);
        }
    }

    [Fact]
    public async Task FleetAttempts_FailAtTheConfiguredShare_WithDocumentedReasonsMostlyAndARepeatFailer()
    {
        await using var sim = await SimulatorHarness.StartAsync(Busy(o => o.FailedAttemptShare = 0.1));
        await sim.AdvanceAsync(3 * 3600);
        var truth = await sim.TruthAsync(users: true); // Every attempt of the run, those retention dropped included.

        var logged = truth.Endpoints.Where(e => e.ConnectionLog.Enabled).ToList();
        var attempts = logged.SelectMany(e => e.ConnectionLog.Attempts).ToList();
        var failed = attempts.Where(a => a.Status == "failed").ToList();
        var successful = attempts.Where(a => a.Status == "successful").Sum(a => a.Count);
        var share = failed.Sum(a => a.Count) / (double)(failed.Sum(a => a.Count) + successful);

        // 10% of the attempts before each connection, plus the repeat failers' tries every two minutes or so.
        Assert.InRange(share, 0.10, 0.25);
        var byReason = failed.GroupBy(a => a.Reason).ToDictionary(g => g.Key, g => g.Sum(a => a.Count));
        Assert.Equal("client-connect-failed", byReason.MaxBy(r => r.Value).Key);
        Assert.Contains("other", byReason.Keys);
        Assert.InRange(byReason["other"] / (double)failed.Sum(a => a.Count), 0.01, 0.15);
        Assert.All(byReason.Keys, r => Assert.True(r == "other" || Documented.Contains(r), r));
        Assert.True(byReason.Keys.Count(Documented.Contains) >= 5, string.Join(", ", byReason.Keys));

        foreach (var endpoint in logged)
        {
            var failures = endpoint.ConnectionLog.AttemptsByUser!.Where(u => u.Status == "failed").OrderByDescending(u => u.Count).ToList();
            Assert.Equal(endpoint.ConnectionLog.RepeatFailer, failures[0].User);
            Assert.True(failures[0].Count >= 40, $"{endpoint.EndpointId}: the repeat failer failed only {failures[0].Count} times in 3 h");
            Assert.True(failures[0].Count > 3 * failures[1].Count, $"the repeat failer must stand out: {failures[0].Count} against {failures[1].Count}");
        }
    }

    [Fact]
    public async Task SamlEndpoint_WritesWaitingForAssertion_ThenAReset_ThenTheSuccessfulAttempt()
    {
        // Without a delay, the events of one connection become readable together.
        await using var sim = await SimulatorHarness.StartAsync(Busy(o => (o.FailedAttemptShare, o.LogIngestionDelay) = (0, "0")));
        await sim.AdvanceAsync(1800);
        var start = SimulatorHarness.DefaultStart.ToUnixTimeMilliseconds();
        var truth = await sim.TruthAsync(attemptsSince: start / 1000);
        var saml = truth.Endpoints[2];
        var (events, _) = await ReadAllAsync(sim, saml.ConnectionLog.LogGroup, extra: new() { ["startTime"] = start });
        var messages = events.Select(Message).ToList();
        var waiting = messages.Where(m => m["connection-attempt-status"] == "waiting-for-assertion").ToList();
        var resets = messages.Where(m => m["connection-log-type"] == "connection-reset").ToList();
        var succeeded = messages.Where(m => IsAttempt(m) && m["connection-attempt-status"] == "successful").ToList();

        // An exchange that began before the read's start time shows only its later entries.
        Assert.NotEmpty(waiting);
        Assert.All(resets, r => Assert.Equal("assertion-received", r["connection-reset-status"]));
        Assert.Subset(resets.Select(r => r["connection-id"]).ToHashSet(), waiting.Select(w => w["connection-id"]).ToHashSet());
        Assert.InRange(resets.Count, waiting.Count, waiting.Count + 12);
        Assert.InRange(succeeded.Count, resets.Count, resets.Count + 12);
        Assert.All(waiting, w => Assert.Equal("NA", w["client-ip"]));
        Assert.Equal(waiting.Count, saml.ConnectionLog.Attempts.Single(a => a.Status == "waiting-for-assertion").Count);
        Assert.All(succeeded, s => Assert.EndsWith("@example.com", s["username"]));
    }

    [Fact]
    public async Task LateEvents_AppearAfterEventsWithNewerTimestampsWereServed_AndEndEntriesCarryTheirEndTime()
    {
        await using var sim = await SimulatorHarness.StartAsync(Busy(o => o.LogIngestionDelay = "60-120s"));
        await sim.AdvanceAsync(900);
        var group = (await sim.TruthAsync()).Endpoints[0].ConnectionLog.LogGroup;
        var since = new Dictionary<string, object> { ["startTime"] = SimulatorHarness.DefaultStart.ToUnixTimeMilliseconds() };
        var (first, _) = await ReadAllAsync(sim, group, extra: since);
        await sim.AdvanceAsync(60);
        var (second, _) = await ReadAllAsync(sim, group, extra: since);

        var seen = first.Select(e => e.GetProperty("eventId").GetString()).ToHashSet();
        var newest = first.Max(Timestamp);
        var late = second.Where(e => !seen.Contains(e.GetProperty("eventId").GetString()) && Timestamp(e) < newest).ToList();
        Assert.NotEmpty(late);
        Assert.Subset(second.Select(e => e.GetProperty("eventId").GetString()).ToHashSet(), seen);

        var ends = second.Select(Message).Where(m => m["connection-end-time"] != "NA").ToList();
        Assert.NotEmpty(ends);
        Assert.All(ends, m => Assert.Equal("connection-attempt", m["connection-log-type"]));
        Assert.All(ends, m => Assert.Equal(m["connection-end-time"], m["connection-last-update-time"]));
    }

    [Fact]
    public async Task FilterLogEvents_HonoursTimesStreamsAndPatterns()
    {
        await using var sim = await SimulatorHarness.StartAsync(Busy());
        await sim.AdvanceAsync(1800);
        var group = (await sim.TruthAsync()).Endpoints[0].ConnectionLog.LogGroup;
        var (all, _) = await ReadAllAsync(sim, group);
        var from = Timestamp(all[all.Count / 3]);
        var to = Timestamp(all[2 * all.Count / 3]);

        var (window, _) = await ReadAllAsync(sim, group, extra: new() { ["startTime"] = from, ["endTime"] = to });
        Assert.Equal(all.Where(e => Timestamp(e) >= from && Timestamp(e) <= to).Select(Id), window.Select(Id));

        var (named, _) = await ReadAllAsync(sim, group, extra: new() { ["logStreamNames"] = new[] { "connections" } });
        var (prefixed, _) = await ReadAllAsync(sim, group, extra: new() { ["logStreamNamePrefix"] = "conn" });
        var (otherStream, _) = await ReadAllAsync(sim, group, extra: new() { ["logStreamNames"] = new[] { "elsewhere" } });
        Assert.Equal(all.Select(Id), named.Select(Id));
        Assert.Equal(all.Select(Id), prefixed.Select(Id));
        Assert.Empty(otherStream);

        var (quoted, _) = await ReadAllAsync(sim, group, extra: new() { ["filterPattern"] = "\"client-connect-failed\"" });
        var (json, _) = await ReadAllAsync(sim, group, extra: new() { ["filterPattern"] = "{ $.connection-attempt-status = \"failed\" && $.connection-end-time = \"NA\" }" });
        var (empty, _) = await ReadAllAsync(sim, group, extra: new() { ["filterPattern"] = "" });
        Assert.Equal(all.Where(e => Message(e)["connection-attempt-failure-reason"] == "client-connect-failed").Select(Id), quoted.Select(Id));
        Assert.NotEmpty(quoted);
        Assert.Equal(all.Where(e => Message(e)["connection-attempt-status"] == "failed").Select(Id), json.Select(Id));
        Assert.Equal(all.Select(Id), empty.Select(Id));
    }

    [Fact]
    public async Task FilterLogEvents_Errors_AreCloudWatchLogsOwn_AndTheDenyFaultAndCountingStagesApply()
    {
        await using var sim = await SimulatorHarness.StartAsync(Busy());
        await sim.AdvanceAsync(600);
        var truth = await sim.TruthAsync();
        var group = truth.Endpoints[0].ConnectionLog.LogGroup;

        var missing = await LogsAsync(sim, new { logGroupName = "/aws/clientvpn/none" });
        var disabled = await LogsAsync(sim, new { logGroupName = truth.Endpoints[1].ConnectionLog.LogGroup });
        var badToken = await LogsAsync(sim, new { logGroupName = group, nextToken = "bm90LWEtdG9rZW4" });
        var zeroLimit = await LogsAsync(sim, new { logGroupName = group, limit = 0 });
        var tooMany = await LogsAsync(sim, new { logGroupName = group, limit = 10_001 });
        var pattern = await LogsAsync(sim, new { logGroupName = group, filterPattern = "[ip, user, ...]" });
        var both = await LogsAsync(sim, new { logGroupName = group, logStreamNames = new[] { "connections" }, logStreamNamePrefix = "c" });
        var nameAndArn = await LogsAsync(sim, new { logGroupName = group, logGroupIdentifier = $"arn:aws:logs:us-east-1:111111111111:log-group:{group}" });
        var (byArn, arnPage) = await LogsAsync(sim, new { logGroupIdentifier = $"arn:aws:logs:us-east-1:111111111111:log-group:{group}:*", limit = 3 });
        var (_, firstPage) = await LogsAsync(sim, new { logGroupName = group, limit = 5 });
        var otherQuery = await LogsAsync(sim, new { logGroupName = group, limit = 5, startTime = 1, nextToken = firstPage.GetProperty("nextToken").GetString() });

        AssertError(missing, HttpStatusCode.BadRequest, "ResourceNotFoundException");
        AssertError(disabled, HttpStatusCode.BadRequest, "ResourceNotFoundException");
        AssertError(badToken, HttpStatusCode.BadRequest, "InvalidParameterException");
        AssertError(zeroLimit, HttpStatusCode.BadRequest, "InvalidParameterException");
        AssertError(tooMany, HttpStatusCode.BadRequest, "InvalidParameterException");
        AssertError(pattern, HttpStatusCode.BadRequest, "InvalidParameterException");
        AssertError(both, HttpStatusCode.BadRequest, "InvalidParameterException");
        AssertError(nameAndArn, HttpStatusCode.BadRequest, "InvalidParameterException");
        Assert.Equal((HttpStatusCode.OK, 3), (byArn, arnPage.GetProperty("events").GetArrayLength()));
        AssertError(otherQuery, HttpStatusCode.BadRequest, "InvalidParameterException");

        await sim.PutAsync("sim/permissions", """{"deny":[{"accountId":"111111111111","action":"logs:FilterLogEvents"}]}""");
        var denied = await LogsAsync(sim, new { logGroupName = group });
        await sim.PutAsync("sim/permissions", """{"deny":[]}""");
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"logs:FilterLogEvents","throttleRate":1}]}""");
        var throttled = await LogsAsync(sim, new { logGroupName = group });
        await sim.PutAsync("sim/faults", """{"rules":[]}""");

        AssertError(denied, HttpStatusCode.BadRequest, "AccessDeniedException");
        Assert.Equal(
            $"User: arn:aws:iam::111111111111:user/clientvpn-simulator is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:us-east-1:111111111111:log-group:{group}:*",
            denied.Body.GetProperty("Message").GetString());
        AssertError(throttled, HttpStatusCode.BadRequest, "ThrottlingException");
        Assert.Equal(13, (await sim.TruthAsync()).Requests["FilterLogEvents"]);
    }

    [Fact]
    public async Task ClientConnectOutcome_DenyingEveryone_FailsEveryAttemptWithClientConnectFailed_ThenConnectsThemWhenItEnds()
    {
        await using var sim = await SimulatorHarness.StartAsync(Busy(o => o.FailedAttemptShare = 0));
        await sim.AdvanceAsync(600);
        var before = await sim.TruthAsync();
        var id = before.Endpoints[0].EndpointId;
        var deniedFrom = new DateTimeOffset(before.Now, TimeSpan.Zero).ToUnixTimeSeconds();
        var activeBefore = before.Endpoints[0].Connections.Where(c => c.Status == "active").Sum(c => c.Count);

        var (noHandler, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{before.Endpoints[1].EndpointId}/client-connect-outcome", """{"deny":true}""");
        var (unknown, _) = await sim.SendJsonAsync(HttpMethod.Post, "sim/endpoints/cvpn-endpoint-00000000000000000/client-connect-outcome", """{"deny":true}""");
        var (invalid, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{id}/client-connect-outcome", """{"deny":true,"seconds":-1}""");
        var (set, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{id}/client-connect-outcome", """{"deny":true,"seconds":900}""");
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.NoContent), (noHandler, unknown, invalid, set));

        await sim.AdvanceAsync(600);
        var during = await sim.TruthAsync(attemptsSince: deniedFrom + 130); // Past the longest ingestion delay of earlier events.
        var log = during.Endpoints[0].ConnectionLog;
        Assert.True(log.HandlerDeniesEveryone);
        Assert.Equal(before.Now.AddSeconds(900), log.HandlerDeniesUntil);
        Assert.Equal([("failed", "client-connect-failed")], log.Attempts.Select(a => (a.Status, a.Reason)));
        Assert.True(log.Attempts[0].Count >= 50, $"only {log.Attempts[0].Count} denied attempts in 10 min");
        Assert.True(during.Endpoints[0].Connections.Where(c => c.Status == "active").Sum(c => c.Count) < activeBefore);

        await sim.AdvanceAsync(600);
        var after = await sim.TruthAsync(attemptsSince: deniedFrom + 900);
        Assert.False(after.Endpoints[0].ConnectionLog.HandlerDeniesEveryone);
        Assert.Contains(after.Endpoints[0].ConnectionLog.Attempts, a => a.Status == "successful" && a.Count > 0);
        Assert.Equal(activeBefore, after.Endpoints[0].Connections.Where(c => c.Status == "active").Sum(c => c.Count));

        // Until told otherwise, then told otherwise.
        var (forever, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{id}/client-connect-outcome", """{"deny":true}""");
        await sim.AdvanceAsync(120);
        Assert.Null((await sim.TruthAsync()).Endpoints[0].ConnectionLog.HandlerDeniesUntil);
        Assert.True((await sim.TruthAsync()).Endpoints[0].ConnectionLog.HandlerDeniesEveryone);
        var (restored, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{id}/client-connect-outcome", """{"deny":false}""");
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (forever, restored));
        var back = await sim.TruthAsync();
        Assert.False(back.Endpoints[0].ConnectionLog.HandlerDeniesEveryone);
        Assert.Equal(activeBefore, back.Endpoints[0].Connections.Where(c => c.Status == "active").Sum(c => c.Count));
    }

    [Fact]
    public async Task ConnectionLogOptions_ThroughTheEc2Sdk_ArePascalCaseAndFollowTheLoggingSwitch()
    {
        await using var sim = await SimulatorHarness.StartAsync(Busy());
        var endpoints = await sim.EndpointsAsync();
        Assert.True(endpoints[0].ConnectionLogOptions.Enabled);
        Assert.Equal($"/aws/clientvpn/{endpoints[0].ClientVpnEndpointId}", endpoints[0].ConnectionLogOptions.CloudwatchLogGroup);
        Assert.Equal("connections", endpoints[0].ConnectionLogOptions.CloudwatchLogStream);
        Assert.False(endpoints[1].ConnectionLogOptions.Enabled);
        Assert.Null(endpoints[1].ConnectionLogOptions.CloudwatchLogGroup);

        var (xmlStatus, xml) = await sim.PostQueryAsync(("Action", "DescribeClientVpnEndpoints"), ("Version", "2016-11-15"));
        Assert.Equal(HttpStatusCode.OK, xmlStatus);
        var options = xml.Descendants().Where(e => e.Name.LocalName == "connectionLogOptions").ToList();
        Assert.Equal(["Enabled", "CloudwatchLogGroup", "CloudwatchLogStream"], options[0].Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["Enabled"], options[1].Elements().Select(e => e.Name.LocalName));

        var (on, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpoints[1].ClientVpnEndpointId}/connection-log", """{"enabled":true}""");
        var (off, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpoints[0].ClientVpnEndpointId}/connection-log", """{"enabled":false}""");
        var (unknown, _) = await sim.SendJsonAsync(HttpMethod.Post, "sim/endpoints/cvpn-endpoint-00000000000000000/connection-log", """{"enabled":true}""");
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NotFound), (on, off, unknown));
        var switched = await sim.EndpointsAsync();
        Assert.False(switched[0].ConnectionLogOptions.Enabled);
        Assert.True(switched[1].ConnectionLogOptions.Enabled);

        await sim.AdvanceAsync(900);
        var truth = await sim.TruthAsync();
        var (newlyOn, _) = await ReadAllAsync(sim, truth.Endpoints[1].ConnectionLog.LogGroup);
        Assert.NotEmpty(newlyOn);
        Assert.Equal(truth.Endpoints[1].ConnectionLog.EventsIngested, newlyOn.Count);
        var (stopped, _) = await ReadAllAsync(sim, truth.Endpoints[0].ConnectionLog.LogGroup);
        Assert.All(stopped, e => Assert.True(Timestamp(e) <= SimulatorHarness.DefaultStart.ToUnixTimeMilliseconds() + 30_000));
    }

    [Fact]
    public async Task IngestionDelay_SetAtRunTime_AppliesToEventsWrittenFromThenOn()
    {
        await using var sim = await SimulatorHarness.StartAsync(Busy(o => o.LogIngestionDelay = "100-100s"));
        var (read, readBody) = await sim.SendJsonAsync(HttpMethod.Get, "sim/connection-log/ingestion-delay", string.Empty);
        Assert.Equal((HttpStatusCode.OK, """{"minSeconds":100,"maxSeconds":100}"""), (read, readBody));
        var (refused, _) = await sim.SendJsonAsync(HttpMethod.Put, "sim/connection-log/ingestion-delay", """{"minSeconds":5,"maxSeconds":4000}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused);

        await sim.AdvanceAsync(600);
        await sim.PutAsync("sim/connection-log/ingestion-delay", """{"minSeconds":0,"maxSeconds":0}""");
        var changedAt = SimulatorHarness.DefaultStart.ToUnixTimeMilliseconds() + 600_000;
        await sim.AdvanceAsync(600);
        var group = (await sim.TruthAsync()).Endpoints[0].ConnectionLog.LogGroup;
        var (events, _) = await ReadAllAsync(sim, group, extra: new() { ["startTime"] = SimulatorHarness.DefaultStart.ToUnixTimeMilliseconds() });

        // End entries are written when the session starts ending, with their termination time: some before the change.
        var lags = events.Where(e => Message(e)["connection-end-time"] == "NA")
            .Select(e => (Timestamp(e), Lag: e.GetProperty("ingestionTime").GetInt64() - Timestamp(e))).ToList();
        Assert.All(lags.Where(l => l.Item1 < changedAt - 300_000), l => Assert.Equal(100_000, l.Lag));
        Assert.Contains(lags, l => l.Item1 > changedAt && l.Lag == 0);
        Assert.All(lags.Where(l => l.Item1 > changedAt + 60_000), l => Assert.True(l.Lag < 100_000));
    }

    [Fact]
    public async Task ConnectionLog_SameSeedAndClockMoves_ServesTheSameEvents()
    {
        await using var one = await SimulatorHarness.StartAsync(Busy());
        await using var two = await SimulatorHarness.StartAsync(Busy());
        await one.AdvanceAsync(700);
        await two.AdvanceAsync(300);
        await two.AdvanceAsync(400);
        var group = (await one.TruthAsync()).Endpoints[2].ConnectionLog.LogGroup;

        var (a, _) = await ReadAllAsync(one, group, limit: 50);
        var (b, _) = await ReadAllAsync(two, group, limit: 50);
        Assert.Equal(a.Select(e => e.GetRawText()), b.Select(e => e.GetRawText()));
    }

    [Fact]
    public async Task ConnectionLog_UnderHeavyChurn_KeepsOnlyItsRetentionWindow_AndTruthStillCountsWhatItDropped()
    {
        await using var sim = await SimulatorHarness.StartAsync(Busy(o =>
        {
            o.Endpoints = 1;
            o.ConnectionsPerEndpoint = 2000;
            o.ChurnPerHour = 20_000;
        }));
        var all = await sim.TruthAsync();
        await sim.AdvanceAsync(5 * 3600);
        var truth = await sim.TruthAsync();
        var log = truth.Endpoints[0].ConnectionLog;
        var horizon = new DateTimeOffset(truth.Now, TimeSpan.Zero).ToUnixTimeMilliseconds() - (3600 * 1000);
        var (events, _) = await ReadAllAsync(sim, log.LogGroup, extra: new() { ["startTime"] = 0 });

        Assert.All(events, e => Assert.True(Timestamp(e) >= horizon));
        Assert.InRange(log.EventsIngested + log.EventsPending, 2 * 20_000 * 0.9, 2 * 20_000 * 1.4);
        var counted = log.Attempts.Where(a => a.Status == "successful").Sum(a => a.Count);
        Assert.True(counted > 5 * 20_000 * 0.9, $"{counted} successful attempts over 5 h of 20,000 an hour");
        Assert.True(counted >= all.Endpoints[0].ConnectionLog.Attempts.Where(a => a.Status == "successful").Sum(a => a.Count));
    }

    internal static async Task<(List<JsonElement> Events, int Pages)> ReadAllAsync(
        SimulatorHarness sim, string group, int? limit = null, Dictionary<string, object>? extra = null)
    {
        var events = new List<JsonElement>();
        var pages = 0;
        string? token = null;
        do
        {
            var body = new Dictionary<string, object>(extra ?? []) { ["logGroupName"] = group };
            if (limit is { } l)
            {
                body["limit"] = l;
            }

            if (token is not null)
            {
                body["nextToken"] = token;
            }

            var (status, page) = await LogsAsync(sim, body);
            Assert.True(status == HttpStatusCode.OK, page.GetRawText());
            pages++;
            events.AddRange(page.GetProperty("events").EnumerateArray());
            token = page.TryGetProperty("nextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return (events, pages);
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> LogsAsync(SimulatorHarness sim, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, string.Empty) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "Logs_20140328.FilterLogEvents");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIASIMULATORTESTS00/20260301/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=00");
        using var response = await sim.Http.SendAsync(request);
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    internal static Dictionary<string, string> Message(JsonElement logEvent) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(logEvent.GetProperty("message").GetString()!)!;

    private static long Timestamp(JsonElement logEvent) => logEvent.GetProperty("timestamp").GetInt64();

    private static string Id(JsonElement logEvent) => logEvent.GetProperty("eventId").GetString()!;

    // The contract's rule: an attempt is a connection-attempt entry without an end time.
    private static bool IsAttempt(Dictionary<string, string> m) => m["connection-log-type"] == "connection-attempt" && m["connection-end-time"] == "NA";

    private static string StatusLabel(Dictionary<string, string> m) =>
        m["connection-attempt-status"] is "successful" or "failed" or "waiting-for-assertion" ? m["connection-attempt-status"] : "other";

    private static string ReasonLabel(Dictionary<string, string> m) =>
        m["connection-attempt-failure-reason"] is var r && r == "NA" ? "none" : Documented.Contains(r) ? r : "other";

    private static string UserLabel(Dictionary<string, string> m) => m["username"] is var u && u != "NA" ? u : m["common-name"];

    private static void AssertError((HttpStatusCode Status, JsonElement Body) answer, HttpStatusCode status, string code)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal(code, answer.Body.GetProperty("__type").GetString());
    }
}
