using ClientVpnExporter.Connections;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>
/// Faults injected in the simulator, met by the real SDK: the exporter keeps serving what it knows, marks
/// what failed, never publishes a partial pagination, and recovers without counting anything twice.
/// </summary>
public class FaultTests
{
    private const string Connections = "DescribeClientVpnConnections";

    private static readonly string[] Budget = ["--ClientVpn:ApiBudget:MaxRetries=1", "--ClientVpn:ApiBudget:RequestTimeout=00:00:02", "--ClientVpn:ApiBudget:RequestsPerSecond=100", "--ClientVpn:ApiBudget:Burst=100"];

    private static readonly string[] TotalNames = ["clientvpn_ingress_bytes_total", "clientvpn_egress_bytes_total", "clientvpn_ingress_packets_total", "clientvpn_egress_packets_total"];

    public static TheoryData<string, object> EndpointFaults => new()
    {
        { "RequestLimitExceeded", new { action = Connections, throttleRate = 1.0 } },
        { "InternalError", new { action = Connections, serverErrorRate = 1.0 } },
        { "timeout", new { action = Connections, hangRate = 1.0 } },
        { "truncated", new { action = Connections, truncatedXmlRate = 1.0 } },
        { "malformed", new { action = Connections, malformedXmlRate = 1.0 } },
        { "AuthFailure", new { action = Connections, authFailureRate = 1.0 } },
        { "InvalidNextToken", new { action = Connections, invalidNextTokenFromPage = 2 } },
    };

    [Theory]
    [MemberData(nameof(EndpointFaults))]
    public async Task EndpointFault_MarksItDownKeepsServingAndRecoversExactly(string kind, object fault)
    {
        var logs = new FakeLogCollector();
        await using var harness = await StartAsync(logs);
        var truth = await harness.TruthAsync();
        var faulty = truth.Endpoints[0].EndpointId;
        var healthy = truth.Endpoints[1].EndpointId;
        var before = await harness.ScrapeAsync();

        await harness.SetFaultsAsync(WithEndpoint(fault, faulty));
        for (var poll = 0; poll < 3; poll++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
            await harness.PollAsync();
        }

        var during = await harness.ScrapeAsync();
        Assert.Equal(0, Value(during, "clientvpn_endpoint_up", faulty));
        Assert.True(
            Value(during, "clientvpn_endpoint_up", healthy) == 1,
            "the healthy endpoint is down: " + string.Join("\n", logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning).Select(r => r.Message)));
        Assert.Equal(Value(before, "clientvpn_endpoint_last_success_timestamp_seconds", faulty), Value(during, "clientvpn_endpoint_last_success_timestamp_seconds", faulty));

        // Nothing of a partial pagination is used: the faulty endpoint's totals are those of its last complete poll.
        Assert.Equal(Total(before, faulty), Total(during, faulty));
        Assert.True(Total(during, healthy) > Total(before, healthy));

        Assert.Equal(System.Net.HttpStatusCode.OK, (await harness.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await harness.Http.GetAsync("/readyz")).StatusCode);
        var failures = logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning && r.Message.Contains(faulty, StringComparison.Ordinal)).ToList();
        Assert.Single(failures);

        await harness.ClearFaultsAsync();
        await harness.PollAsync();
        var after = await harness.ScrapeAsync();
        Assert.Equal(1, Value(after, "clientvpn_endpoint_up", faulty));
        GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), after, users: false);
        _ = kind;
    }

    [Fact]
    public async Task ThrottlingHalfTheCalls_IsRetriedCountedAndStillExact()
    {
        await using var harness = await StartAsync(new FakeLogCollector(), "--ClientVpn:ApiBudget:MaxRetries=8");
        await harness.SetFaultsAsync(new { action = "*", throttleRate = 0.5 });

        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await harness.PollAsync();
        var samples = await harness.ScrapeAsync();

        Assert.True(samples.Where(s => s.Name == "clientvpn_exporter_api_throttles_total").Sum(s => s.Value) > 0);
        Assert.True(samples.Where(s => s.Name == "clientvpn_exporter_api_retries_total").Sum(s => s.Value) > 0);
        GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), samples, users: false);
    }

    [Fact]
    public async Task MalformedFields_AreCountedByFieldAndTheRestStillCounts()
    {
        var logs = new FakeLogCollector();
        await using var harness = await StartAsync(logs);
        var before = await harness.ScrapeAsync();
        var endpoint = (await harness.TruthAsync()).Endpoints[0].EndpointId;

        await harness.SetFaultsAsync(new { action = Connections, malformedFields = new Dictionary<string, string> { ["ingressBytes"] = "12x" }, malformedFieldRate = 1.0 });
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await harness.PollAsync();
        await harness.PollAsync();
        var during = await harness.ScrapeAsync();

        Assert.True(during.Single(s => s.Name == "clientvpn_exporter_parse_errors_total" && s.Label("field") == "ingressBytes").Value > 0);
        Assert.Equal(1, Value(during, "clientvpn_endpoint_up", endpoint));
        Assert.True(Sum(during, "clientvpn_egress_bytes_total", endpoint) > Sum(before, "clientvpn_egress_bytes_total", endpoint));
        Assert.True(Sum(during, "clientvpn_ingress_bytes_total", endpoint) >= Sum(before, "clientvpn_ingress_bytes_total", endpoint));
        Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("ingressBytes", StringComparison.Ordinal) && r.Message.Contains(endpoint, StringComparison.Ordinal));

        await harness.ClearFaultsAsync();
        await harness.PollAsync();
        GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), await harness.ScrapeAsync(), users: false);
    }

    [Fact]
    public async Task RandomStringsInEveryField_NeverStopThePollOrTheServer()
    {
        await using var harness = await StartAsync(new FakeLogCollector(), "--ClientVpn:PerUserMetrics=true", "--ClientVpn:PerConnectionMetrics=true");
        var fields = new[] { "ingressBytes", "egressBytes", "ingressPackets", "egressPackets", "connectionEstablishedTime", "connectionEndTime", "status", "connectionId", "username", "commonName", "clientIp" };
        await harness.SetFaultsAsync(new { action = Connections, malformedFields = fields.ToDictionary(f => f, _ => "@random"), malformedFieldRate = 0.5 });

        for (var poll = 0; poll < 5; poll++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(3));
            await harness.PollAsync();
            var samples = await harness.ScrapeAsync();
            Assert.All(samples.Where(s => s.Name == "clientvpn_endpoint_up"), s => Assert.Equal(1, s.Value));
        }

        var (exitCode, output) = await Promtool.CheckMetricsAsync(await harness.ScrapeTextAsync());
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task TransientEndpointNotFound_MarksItDownKeepsItsTotalsAndRecoversExactly()
    {
        await using var harness = await StartAsync(new FakeLogCollector());
        var endpoint = (await harness.TruthAsync()).Endpoints[0].EndpointId;
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await harness.PollAsync();
        var before = await harness.ScrapeAsync();

        // Discovery still lists the endpoint; only its reads answer NotFound, for more polls than it takes to remove one.
        await harness.SetFaultsAsync(new { action = Connections, endpointId = endpoint, endpointNotFound = true });
        for (var poll = 0; poll < 5; poll++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(2));
            await harness.PollAsync();
            var during = await harness.ScrapeAsync();
            Assert.Equal(0, Value(during, "clientvpn_endpoint_up", endpoint));
            Assert.Equal(Total(before, endpoint), Total(during, endpoint));
        }

        await harness.ClearFaultsAsync();
        await harness.PollAsync();
        var after = await harness.ScrapeAsync();
        Assert.Equal(1, Value(after, "clientvpn_endpoint_up", endpoint));
        Assert.True(Total(after, endpoint) > Total(before, endpoint));
        GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), after, users: false);
    }

    /// <summary>
    /// For one poll, a few connections carry a well-formed counter more than any connection could move, or an id
    /// that is not AWS-shaped (which, followed as a new connection, would count its whole traffic again).
    /// </summary>
    [Theory]
    [InlineData("ingressBytes", "9000000000000000000", 0.002)]
    [InlineData("connectionId", "@random", 0.02)]
    public async Task BadFieldForOnePoll_IsAParseErrorAndTotalsStayExact(string field, string value, double rate)
    {
        await using var harness = await StartAsync(new FakeLogCollector(), "--ClientVpn:PerUserMetrics=true");
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await harness.PollAsync();

        await harness.SetFaultsAsync(new { action = Connections, malformedFields = new Dictionary<string, string> { [field] = value }, malformedFieldRate = rate });
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        await harness.PollAsync();
        var during = await harness.ScrapeAsync();
        await harness.ClearFaultsAsync();

        Assert.True(during.Single(s => s.Name == "clientvpn_exporter_parse_errors_total" && s.Label("field") == field).Value > 0);
        Assert.All(during.Where(s => s.Name == "clientvpn_ingress_bytes_total"), s => Assert.True(s.Value < 1e15, $"{s.Value} counted"));
        for (var poll = 0; poll < 2; poll++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(3));
            await harness.PollAsync();
            GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), await harness.ScrapeAsync(), users: true);
        }
    }

    [Fact]
    public async Task IdsGarbledInTheBaseline_CountNothingFromBeforeTheStartWhenTheyReadRight()
    {
        // The first poll, the baseline, cannot follow the connections whose ids it got garbled; their traffic from
        // before the exporter started must not count when their ids read right again.
        await using var harness = await ExporterOnSimulator.StartAsync(
            FleetOptions(),
            simulator => ExporterOnSimulator.SetFaultsAsync(simulator, new { action = Connections, malformedFields = new Dictionary<string, string> { ["connectionId"] = "@random" }, malformedFieldRate = 0.05 }),
            _ => { },
            [.. Budget, "--ClientVpn:PerUserMetrics=true"]);
        Assert.True((await harness.ScrapeAsync()).Single(s => s.Name == "clientvpn_exporter_parse_errors_total" && s.Label("field") == "connectionId").Value > 0);
        await harness.ClearFaultsAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(3));
        await harness.PollAsync();

        await AssertNothingFromBeforeTheStartThenExactAsync(harness);
    }

    [Fact]
    public async Task IdsGarbledLongEnoughToBeForgotten_CountNothingFromBeforeTheStartWhenTheyReadRight()
    {
        // Every id garbled in the three polls after the baseline: the ledger forgets the connections it followed.
        await using var harness = await StartAsync(new FakeLogCollector(), "--ClientVpn:PerUserMetrics=true");
        await harness.SetFaultsAsync(new { action = Connections, malformedFields = new Dictionary<string, string> { ["connectionId"] = "@random" }, malformedFieldRate = 1.0 });
        for (var poll = 0; poll < EndpointLedger.ListingsMissedBeforeForgotten; poll++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
            await harness.PollAsync();
        }

        await harness.ClearFaultsAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        await harness.PollAsync();

        await AssertNothingFromBeforeTheStartThenExactAsync(harness);
    }

    [Fact]
    public async Task GarbledStatusesAndAddresses_AddNoLabelValues()
    {
        await using var harness = await StartAsync(new FakeLogCollector(), "--ClientVpn:PerConnectionMetrics=true");
        await harness.SetFaultsAsync(new { action = Connections, malformedFields = new Dictionary<string, string> { ["status"] = "@random", ["clientIp"] = "@random" }, malformedFieldRate = 0.5 });
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        await harness.PollAsync();
        var samples = await harness.ScrapeAsync();

        string[] statuses = ["active", "terminating", "failed-to-terminate", "terminated", "unknown"];
        Assert.All(samples.Where(s => s.Name is "clientvpn_connections" or "clientvpn_connection_info"), s => Assert.Contains(s.Label("status"), statuses));
        Assert.All(samples.Where(s => s.Name == "clientvpn_connection_info"), s => Assert.Matches(@"^((\d{1,3}\.){3}0/24)?$", s.Label("client_ip")));
        Assert.True(samples.Single(s => s.Name == "clientvpn_exporter_parse_errors_total" && s.Label("field") == "clientIp").Value > 0);
    }

    [Fact]
    public async Task NewEndpointFoundByDiscovery_Appears()
    {
        // The simulator's new endpoint dates from 5 minutes before it is created, its clients connected since: created
        // after the exporter started, all of them after its counting start, and they count whole.
        await using var harness = await StartAsync(new FakeLogCollector());
        await harness.AdvanceAsync(TimeSpan.FromMinutes(6));
        using var created = await harness.SimulatorHttp.PostAsync("/sim/endpoints", null);
        created.EnsureSuccessStatusCode();

        await harness.PollAsync();

        GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), await harness.ScrapeAsync(), users: false);
    }

    [Fact]
    public async Task EndpointFailingPastTheStalenessBound_StopsExportingGaugesButKeepsCounters()
    {
        await using var harness = await StartAsync(new FakeLogCollector(), "--ClientVpn:PollInterval=00:00:01", "--ClientVpn:StaleAfter=00:00:02", "--ClientVpn:ApiBudget:MaxRetries=0");
        var endpoint = (await harness.TruthAsync()).Endpoints[0].EndpointId;
        await harness.SetFaultsAsync(new { action = Connections, endpointId = endpoint, serverErrorRate = 1.0 });

        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<Sample> samples;
        do
        {
            await Task.Delay(200);
            samples = await harness.ScrapeAsync();
        }
        while (samples.Any(s => s.Name == "clientvpn_connections" && s.Label("endpoint_id") == endpoint) && DateTime.UtcNow < deadline);

        Assert.DoesNotContain(samples, s => s.Name is "clientvpn_connections" or "clientvpn_active_users" && s.Label("endpoint_id") == endpoint);
        Assert.Contains(samples, s => s.Name == "clientvpn_ingress_bytes_total" && s.Label("endpoint_id") == endpoint);
        Assert.Contains(samples, s => s.Name == "clientvpn_endpoint_up" && s.Label("endpoint_id") == endpoint && s.Value == 0);
    }

    /// <summary>
    /// The totals count no more than happened since the first poll (a connection taken in late loses what it moved
    /// before its first good reading, never adds its traffic from before the start), and from now on count exactly.
    /// </summary>
    private static async Task AssertNothingFromBeforeTheStartThenExactAsync(ExporterOnSimulator harness)
    {
        var truthThen = await harness.TruthAsync();
        var then = await harness.ScrapeAsync();
        foreach (var endpoint in (await harness.TruthSinceFirstPollAsync()).Endpoints)
        {
            Assert.All(
                TotalNames.Zip(Fields(endpoint)),
                t => Assert.True(Sum(then, t.First, endpoint.EndpointId) <= t.Second, $"{t.First} of {endpoint.EndpointId} is {Sum(then, t.First, endpoint.EndpointId)}, more than the {t.Second} since the first poll"));
            Assert.All(
                endpoint.Users ?? [],
                u => Assert.True(UserIngress(then, endpoint.EndpointId, u.User) <= u.IngressBytes, $"{u.User} of {endpoint.EndpointId} has {UserIngress(then, endpoint.EndpointId, u.User)} bytes in, more than the {u.IngressBytes} since the first poll"));
        }

        await harness.AdvanceAsync(TimeSpan.FromMinutes(3));
        await harness.PollAsync();
        var now = await harness.ScrapeAsync();
        foreach (var endpoint in (await harness.TruthAsync()).Since(truthThen).Endpoints)
        {
            Assert.Equal(Fields(endpoint).Select(f => (double)f), TotalNames.Select(name => Sum(now, name, endpoint.EndpointId) - Sum(then, name, endpoint.EndpointId)));
        }

        static ulong[] Fields(EndpointTruth e) => [e.IngressBytes, e.EgressBytes, e.IngressPackets, e.EgressPackets];

        static double UserIngress(List<Sample> samples, string endpointId, string user) =>
            samples.Where(s => s.Name == "clientvpn_user_ingress_bytes_total" && s.Label("endpoint_id") == endpointId && s.Label("user") == user).Sum(s => s.Value);
    }

    private static Dictionary<string, object?> WithEndpoint(object fault, string endpointId)
    {
        var properties = fault.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(fault));
        properties["endpointId"] = endpointId;
        return properties;
    }

    private static SimulatorOptions FleetOptions() => new() { Endpoints = 2, ConnectionsPerEndpoint = 1200, ChurnPerHour = 600, Seed = 17 };

    private static Task<ExporterOnSimulator> StartAsync(FakeLogCollector logs, params string[] settings) =>
        ExporterOnSimulator.StartAsync(
            FleetOptions(),
            builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)),
            [.. Budget, .. settings]);

    private static double Value(List<Sample> samples, string name, string endpointId) =>
        samples.Single(s => s.Name == name && s.Label("endpoint_id") == endpointId).Value;

    private static double Sum(List<Sample> samples, string name, string endpointId) =>
        samples.Where(s => s.Name == name && s.Label("endpoint_id") == endpointId).Sum(s => s.Value);

    private static double Total(List<Sample> samples, string endpointId) =>
        Sum(samples, "clientvpn_ingress_bytes_total", endpointId) + Sum(samples, "clientvpn_egress_bytes_total", endpointId);
}
