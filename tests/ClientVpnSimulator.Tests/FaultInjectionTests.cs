using System.Diagnostics;
using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Throttle_SdkRetriesThenFailsWithRequestLimitExceeded_AndEveryAttemptIsCounted()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeClientVpnConnections","throttleRate":1.0}]}""");
        using var retrying = sim.Ec2With(SimulatorHarness.BaseCredentials, c =>
        {
            c.RetryMode = RequestRetryMode.Standard;
            c.MaxErrorRetry = 2;
        });

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            retrying.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId }));
        var endpoints = await sim.EndpointsAsync();
        var truth = await sim.TruthAsync();

        Assert.Equal("RequestLimitExceeded", error.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("Request limit exceeded.", error.Message);
        Assert.Equal(3, endpoints.Count);
        Assert.Equal(3, truth.Faults["throttle"]);
        Assert.Equal(3, truth.Requests["DescribeClientVpnConnections"]);
    }

    [Fact]
    public async Task ServerError_Alternates500InternalErrorAnd503Unavailable()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"serverErrorRate":1}]}""");

        var first = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.EndpointsAsync());
        var second = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.EndpointsAsync());

        Assert.Equal(("InternalError", HttpStatusCode.InternalServerError), (first.ErrorCode, first.StatusCode));
        Assert.Equal(("Unavailable", HttpStatusCode.ServiceUnavailable), (second.ErrorCode, second.StatusCode));
        Assert.Equal(2, (await sim.TruthAsync()).Faults["serverError"]);
    }

    [Fact]
    public async Task AuthFailure_Answers401AuthFailure()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeClientVpnEndpoints","authFailureRate":1}]}""");

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.EndpointsAsync());

        Assert.Equal("AuthFailure", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("AWS was not able to validate the provided access credentials", error.Message);
        Assert.Equal(1, (await sim.TruthAsync()).Faults["authFailure"]);
    }

    [Fact]
    public async Task Latency_DelaysTheAnswer()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeClientVpnEndpoints","latencyMs":400}]}""");

        var stopwatch = Stopwatch.StartNew();
        var endpoints = await sim.EndpointsAsync();
        stopwatch.Stop();

        Assert.Equal(3, endpoints.Count);
        // The timer behind the delay ticks in whole milliseconds and may fire within one of its due time.
        Assert.True(stopwatch.ElapsedMilliseconds >= 398, $"answered after {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(1, (await sim.TruthAsync()).Faults["latency"]);
    }

    [Fact]
    public async Task Hang_NeverAnswers_TheSdkTimesOut_AndStoppingTheServerDropsHeldRequests()
    {
        var sim = await SimulatorHarness.StartAsync();
        await using var disposeSim = sim;
        var endpointId = await sim.FirstEndpointIdAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeClientVpnConnections","hangRate":1}]}""");
        using var impatient = sim.Ec2With(SimulatorHarness.BaseCredentials, c => c.Timeout = TimeSpan.FromMilliseconds(500));

        var timedOut = await Assert.ThrowsAnyAsync<Exception>(() =>
            impatient.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId }));
        using var raw = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        var held = raw.PostAsync(string.Empty, new FormUrlEncodedContent(
            [new("Action", "DescribeClientVpnConnections"), new("Version", "2016-11-15"), new("ClientVpnEndpointId", endpointId)]));
        await WaitUntilAsync(async () => (await sim.TruthAsync()).Faults["hang"] == 2);
        var stopwatch = Stopwatch.StartNew();
        await sim.Server.DisposeAsync();

        Assert.IsNotAssignableFrom<AmazonServiceException>(timedOut);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => held);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the server took {stopwatch.Elapsed} to stop");
    }

    [Fact]
    public async Task TruncatedXml_IsA200TheSdkCannotParse()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeClientVpnEndpoints","truncatedXmlRate":1}]}""");

        var (status, body) = await PostRawAsync(sim, ("Action", "DescribeClientVpnEndpoints"), ("Version", "2016-11-15"));
        await Assert.ThrowsAsync<System.Xml.XmlException>(() => sim.EndpointsAsync());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("<?xml", body);
        Assert.ThrowsAny<System.Xml.XmlException>(() => System.Xml.Linq.XDocument.Parse(body));
        Assert.Equal(2, (await sim.TruthAsync()).Faults["truncatedXml"]);
    }

    [Fact]
    public async Task MalformedXml_IsA200ThatIsNotXml()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeClientVpnConnections","malformedXmlRate":1}]}""");

        var (status, body) = await PostRawAsync(sim, ("Action", "DescribeClientVpnConnections"), ("Version", "2016-11-15"), ("ClientVpnEndpointId", endpointId));
        // The SDK's XML reader fails before any unmarshaller can wrap its error.
        await Assert.ThrowsAsync<System.Xml.XmlException>(() => sim.ConnectionsAsync(endpointId));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<", body);
        Assert.Equal(2, (await sim.TruthAsync()).Faults["malformedXml"]);
    }

    [Fact]
    public async Task BodyFaults_LeaveErrorAnswersAlone()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"truncatedXmlRate":1}]}""");

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-00000000000000000" }));

        Assert.Equal("InvalidClientVpnEndpointId.NotFound", error.ErrorCode);
        Assert.Equal(0, (await sim.TruthAsync()).Faults["truncatedXml"]);
    }

    [Fact]
    public async Task EndpointNotFound_HitsOnlyTheNamedEndpointWhileDiscoveryStillListsIt()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpoints = await sim.EndpointsAsync();
        var victim = endpoints[1].ClientVpnEndpointId;
        await sim.PutAsync("sim/faults", $$"""{"rules":[{"endpointId":"{{victim}}","endpointNotFound":true}]}""");

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.ConnectionsAsync(victim));
        var others = await sim.ConnectionsAsync(endpoints[0].ClientVpnEndpointId);

        Assert.Equal("InvalidClientVpnEndpointId.NotFound", error.ErrorCode);
        Assert.Contains(victim, error.Message);
        Assert.Contains(await sim.EndpointsAsync(), e => e.ClientVpnEndpointId == victim);
        Assert.NotEmpty(others);
        Assert.Equal(1, (await sim.TruthAsync()).Faults["endpointNotFound"]);
    }

    [Fact]
    public async Task InvalidNextTokenFromPage_BreaksThePaginationHalfWay()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeClientVpnConnections","invalidNextTokenFromPage":3}]}""");
        var pages = 0;
        string? token = null;

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(async () =>
        {
            do
            {
                var page = await sim.Ec2.DescribeClientVpnConnectionsAsync(
                    new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, MaxResults = 5, NextToken = token });
                pages++;
                token = page.NextToken;
            }
            while (token is not null);
        });

        Assert.Equal("InvalidNextToken", error.ErrorCode);
        Assert.Equal(2, pages);
        Assert.Equal(1, (await sim.TruthAsync()).Faults["invalidNextToken"]);
    }

    [Fact]
    public async Task MalformedFields_ReachTheSdkObjects_WhileGroundTruthKeepsTheRealValues()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();
        var before = await sim.TruthAsync(users: true);
        await sim.PutAsync(
            "sim/faults",
            """{"rules":[{"action":"DescribeClientVpnConnections","malformedFields":{"ingressBytes":"12x","status":"bogus","username":"-1"}}]}""");

        var connections = await sim.ConnectionsAsync(endpointId);
        var after = await sim.TruthAsync(users: true);

        Assert.NotEmpty(connections);
        Assert.All(connections, c => Assert.Equal(("12x", "bogus", "-1"), (c.IngressBytes, c.Status.Code.Value, c.Username)));
        Assert.All(connections, c => Assert.Matches("^[0-9]+$", c.EgressBytes));
        Assert.Equal(connections.Count, after.Faults["malformedFields"]);
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(before.Endpoints),
            System.Text.Json.JsonSerializer.Serialize(after.Endpoints));
    }

    [Fact]
    public async Task MalformedFields_TimestampAndIpv6Address_AreReplacedOrAdded()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();
        await sim.PutAsync(
            "sim/faults",
            """{"rules":[{"action":"DescribeClientVpnConnections","malformedFields":{"timestamp":"soon","clientIpv6Address":"::zz","connectionId":"cvpn-connection-NOTHEX"}}]}""");

        var connections = await sim.ConnectionsAsync(endpointId);

        Assert.NotEmpty(connections);
        Assert.All(connections, c => Assert.Equal(("soon", "::zz", "cvpn-connection-NOTHEX"), (c.Timestamp, c.ClientIpv6Address, c.ConnectionId)));
    }

    [Fact]
    public async Task MalformedFields_AtAShareWithRandomValues_AreDeterministicAndStillXml()
    {
        const string Faults = """
            {"seed":5,"rules":[{"action":"DescribeClientVpnConnections",
              "malformedFields":{"ingressBytes":"@random","commonName":"@random","connectionEstablishedTime":"@random"},"malformedFieldRate":0.5}]}
            """;
        var options = SimulatorHarness.Options(o => o.ConnectionsPerEndpoint = 200);
        await using var first = await SimulatorHarness.StartAsync(options);
        await using var second = await SimulatorHarness.StartAsync(options);
        var endpointId = await first.FirstEndpointIdAsync();
        var clean = (await first.ConnectionsAsync(endpointId)).ToDictionary(c => c.ConnectionId);
        await first.PutAsync("sim/faults", Faults);
        await second.PutAsync("sim/faults", Faults);

        var mangled = await first.ConnectionsAsync(endpointId);
        var again = await second.ConnectionsAsync(endpointId);

        var changed = mangled.Where(c => c.IngressBytes != clean[c.ConnectionId].IngressBytes).ToList();
        Assert.Equal(clean.Count, mangled.Count);
        Assert.Equal(mangled.Select(c => c.IngressBytes + c.CommonName), again.Select(c => c.IngressBytes + c.CommonName));
        Assert.InRange(changed.Count, clean.Count / 4, clean.Count * 3 / 4);
        Assert.Equal(changed.Count, (await first.TruthAsync()).Faults["malformedFields"]);
        Assert.True(changed.Select(c => c.IngressBytes).Distinct().Count() > changed.Count / 2);
        Assert.Contains(changed, c => c.IngressBytes.Length == 0);
        Assert.Contains(changed, c => c.IngressBytes.Length > 1000);
        Assert.Contains(changed, c => c.IngressBytes.Any(ch => ch > 127));
    }

    [Fact]
    public async Task Rates_FollowTheSeed_AndPuttingTheSetAgainRestartsTheDraws()
    {
        const string Faults = """{"seed":42,"rules":[{"action":"DescribeClientVpnEndpoints","throttleRate":0.5}]}""";
        await using var sim = await SimulatorHarness.StartAsync();

        async Task<string> OutcomesAsync()
        {
            await sim.PutAsync("sim/faults", Faults);
            var outcomes = new char[30];
            for (var i = 0; i < outcomes.Length; i++)
            {
                var (status, _) = await PostRawAsync(sim, ("Action", "DescribeClientVpnEndpoints"), ("Version", "2016-11-15"));
                outcomes[i] = status == HttpStatusCode.OK ? '.' : 'T';
            }

            return new string(outcomes);
        }

        var first = await OutcomesAsync();
        var second = await OutcomesAsync();

        Assert.Equal(first, second);
        Assert.InRange(first.Count(c => c == 'T'), 6, 24);
        Assert.Equal(first.Count(c => c == 'T') * 2, (await sim.TruthAsync()).Faults["throttle"]);
    }

    [Fact]
    public async Task Rules_ApplyInOrder_LatenciesAddUp_AndTheFirstFaultThatFiresWins()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PutAsync("sim/faults", """
            {"rules":[{"latencyMs":150},{"action":"DescribeClientVpnEndpoints","latencyMs":150,"authFailureRate":1},{"throttleRate":1}]}
            """);

        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.EndpointsAsync());
        stopwatch.Stop();
        var truth = await sim.TruthAsync();

        Assert.Equal("AuthFailure", error.ErrorCode);
        Assert.True(stopwatch.ElapsedMilliseconds >= 300, $"answered after {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal((1, 1, 0), (truth.Faults["latency"], truth.Faults["authFailure"], truth.Faults["throttle"]));
    }

    [Fact]
    public async Task FaultsApi_GetShowsTheSetWithItsSeed_DeleteClearsIt()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeClientVpnEndpoints","throttleRate":1}]}""");

        var shown = await sim.Http.GetStringAsync("sim/faults");
        await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.EndpointsAsync());
        using var deleted = await sim.Http.DeleteAsync("sim/faults");
        var endpoints = await sim.EndpointsAsync();

        Assert.StartsWith("""{"seed":7,"rules":[{"action":"DescribeClientVpnEndpoints","throttleRate":1,""", shown);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("""{"seed":7,"rules":[]}""", await sim.Http.GetStringAsync("sim/faults"));
        Assert.Equal(3, endpoints.Count);
        Assert.Equal(1, (await sim.TruthAsync()).Faults["throttle"]);
    }

    [Theory]
    [InlineData("""{"rules":[{"throttleRate":1.5}]}""", "rules[0].throttleRate must be a number between 0 and 1 (got 1.5).")]
    [InlineData("""{"rules":[{"action":"RunInstances"}]}""", "rules[0].action must be \"*\" or one of")]
    [InlineData("""{"rules":[{"accountId":"999999999999"}]}""", "rules[0].accountId must be one of the simulator's accounts")]
    [InlineData("""{"rules":[{"malformedFields":{"bytes":"x"}}]}""", "rules[0].malformedFields may name")]
    [InlineData("""{"rules":[{"action":"DescribeClientVpnEndpoints","endpointId":"cvpn-endpoint-00000000000000000"}]}""", "rules[0].endpointId only applies to")]
    [InlineData("""{"rules":[{"latencyMs":-1}]}""", "rules[0].latencyMs must be an integer between 0 and 300000")]
    [InlineData("""{"rules":[{"throtleRate":1}]}""", "not a valid JSON document")]
    [InlineData("""{"rules":[{"action":null}]}""", "not a valid JSON document")]
    [InlineData("not json", "not a valid JSON document")]
    public async Task FaultsApi_InvalidSet_Is400NamingTheProblem_AndChangesNothing(string body, string expected)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (status, answer) = await sim.SendJsonAsync(HttpMethod.Put, "sim/faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("error").GetString());
        Assert.Equal("""{"seed":7,"rules":[]}""", await sim.Http.GetStringAsync("sim/faults"));
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostRawAsync(SimulatorHarness sim, params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var response = await sim.Http.PostAsync(string.Empty, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        // A deadline rather than a count of tries: on a loaded machine each try can take far longer than its delay.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline && !await condition())
        {
            await Task.Delay(20);
        }

        Assert.True(await condition());
    }
}
