using System.Globalization;
using Amazon.EC2.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

public sealed class LifecycleAndTruthTests
{
    [Fact]
    public async Task Truth_WhileNothingAgedOut_EqualsWhatTheApiLists()
    {
        // At start nothing has aged out yet: every connection the simulator ever had is listed.
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.ChurnPerHour = 300));
        var truth = await sim.TruthAsync(users: true);

        foreach (var endpoint in truth.Endpoints)
        {
            var listed = await sim.ConnectionsAsync(endpoint.EndpointId);
            AssertTruthMatchesListing(endpoint, listed);
        }
    }

    [Fact]
    public async Task Truth_WithoutChurnAfterHours_EqualsWhatTheApiLists()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.ChurnPerHour = 0));
        await sim.AdvanceAsync(7200.5);
        var truth = await sim.TruthAsync(users: true);

        foreach (var endpoint in truth.Endpoints)
        {
            var listed = await sim.ConnectionsAsync(endpoint.EndpointId);
            Assert.All(listed, c => Assert.Equal("active", c.Status.Code.Value));
            AssertTruthMatchesListing(endpoint, listed);
        }
    }

    [Fact]
    public async Task EndedConnection_StaysListedSixtyMinutes_ThenDisappearsWhileTruthKeepsItsBytes()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o =>
        {
            o.Endpoints = 1;
            o.ConnectionsPerEndpoint = 10;
            o.ChurnPerHour = 30;
        }));
        var endpointId = await sim.FirstEndpointIdAsync();
        var lastSeen = new Dictionary<string, ClientVpnConnection>();
        var vanished = new Dictionary<string, ClientVpnConnection>();

        // Lists at each step, remembering what disappears; steps stay well under 60 minutes so nothing is missed.
        async Task<List<ClientVpnConnection>> StepAsync(double seconds)
        {
            await sim.AdvanceAsync(seconds);
            var listed = await sim.ConnectionsAsync(endpointId);
            var ids = listed.Select(c => c.ConnectionId).ToHashSet();
            foreach (var gone in lastSeen.Keys.Where(id => !ids.Contains(id)).ToList())
            {
                vanished.Add(gone, lastSeen[gone]);
                lastSeen.Remove(gone);
            }

            foreach (var c in listed)
            {
                lastSeen[c.ConnectionId] = c;
            }

            return listed;
        }

        var initiallyActive = (await StepAsync(0)).Where(c => c.Status.Code == "active").Select(c => c.ConnectionId).ToHashSet();
        ClientVpnConnection? ended = null;
        for (var minute = 0; minute < 240 && ended is null; minute++)
        {
            ended = (await StepAsync(60)).FirstOrDefault(c => initiallyActive.Contains(c.ConnectionId) && c.Status.Code == "terminated");
        }

        Assert.NotNull(ended);
        var endTime = DateTime.ParseExact(ended.ConnectionEndTime, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var now = DateTime.ParseExact(ended.Timestamp, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

        var stillListed = (await StepAsync((endTime.AddMinutes(59) - now).TotalSeconds)).Single(c => c.ConnectionId == ended.ConnectionId);
        Assert.Equal(Counters.Of(ended), Counters.Of(stillListed));
        Assert.Equal("terminated", stillListed.Status.Code.Value);

        var afterAnHour = await StepAsync(121);
        Assert.DoesNotContain(afterAnHour, c => c.ConnectionId == ended.ConnectionId);
        Assert.True(vanished.ContainsKey(ended.ConnectionId));

        var truth = (await sim.TruthAsync()).Endpoints.Single();
        var expected = Counters.Sum(afterAnHour.Select(Counters.Of)) + Counters.Sum(vanished.Values.Select(Counters.Of));
        Assert.Equal(expected, Counters.Of(truth));
    }

    [Fact]
    public async Task Connections_GoThroughTerminatingOrFailedToTerminateBeforeTerminated()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o =>
        {
            o.Endpoints = 1;
            o.ConnectionsPerEndpoint = 200;
            o.ChurnPerHour = 3000;
        }));
        var statuses = new HashSet<string>();
        for (var i = 0; i < 20 && statuses.Count < 4; i++)
        {
            await sim.AdvanceAsync(3);
            statuses.UnionWith((await sim.TruthAsync()).Endpoints.Single().Connections.Select(g => g.Status));
        }

        var listed = await sim.ConnectionsAsync(await sim.FirstEndpointIdAsync());

        Assert.Equal(["active", "failed-to-terminate", "terminated", "terminating"], statuses.Order());
        Assert.All(listed, c => Assert.Equal(c.Status.Code == "terminated", c.ConnectionEndTime != "-"));
    }

    [Fact]
    public async Task Counters_AcrossClockAdvances_NeverDecrease()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.ChurnPerHour = 600));
        var endpoints = (await sim.TruthAsync()).Endpoints.Select(e => e.EndpointId).ToList();
        var previous = new Dictionary<string, Counters>();
        var previousTruth = new Dictionary<string, Counters>();
        var grew = 0;
        foreach (var step in new[] { 0, 0.001, 1, 59, 600, 3600, 7200 })
        {
            await sim.AdvanceAsync(step);
            var truth = await sim.TruthAsync();
            foreach (var endpoint in truth.Endpoints)
            {
                var totals = Counters.Of(endpoint);
                Assert.True(totals.NoneBelow(previousTruth.GetValueOrDefault(endpoint.EndpointId)));
                previousTruth[endpoint.EndpointId] = totals;
            }

            foreach (var endpointId in endpoints)
            {
                foreach (var c in await sim.ConnectionsAsync(endpointId))
                {
                    var counters = Counters.Of(c);
                    if (previous.TryGetValue(c.ConnectionId, out var before))
                    {
                        Assert.True(counters.NoneBelow(before), $"{c.ConnectionId} went from {before} to {counters}");
                        grew += counters.IngressBytes > before.IngressBytes ? 1 : 0;
                    }

                    previous[c.ConnectionId] = counters;
                }
            }
        }

        Assert.True(grew > 100);
    }

    [Fact]
    public async Task ActiveConnections_StaySteadyUnderChurn()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.ChurnPerHour = 2000));
        for (var i = 0; i < 5; i++)
        {
            await sim.AdvanceAsync(1800);
            var truth = await sim.TruthAsync();
            Assert.All(truth.Endpoints, e => Assert.Equal(40, e.Connections.Where(g => g.Status == "active").Sum(g => g.Count)));
        }
    }

    [Fact]
    public async Task Posture_OnlyEndpointsWithAClientConnectHandlerReportStatuses()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.ConnectionsPerEndpoint = 400));
        var endpoints = await sim.EndpointsAsync();
        var truth = await sim.TruthAsync();

        foreach (var endpoint in endpoints)
        {
            var postures = truth.Endpoints.Single(e => e.EndpointId == endpoint.ClientVpnEndpointId).TotalsByPosture
                .Select(p => string.Join(",", p.PostureStatuses)).ToList();
            if (endpoint.ClientConnectOptions.Enabled == true)
            {
                Assert.Equal(["", "compliant", "compliant,disk-encrypted", "non-compliant"], postures);
            }
            else
            {
                Assert.Equal([""], postures);
            }
        }
    }

    private static void AssertTruthMatchesListing(EndpointTruthDocument endpoint, List<ClientVpnConnection> listed)
    {
        Assert.Equal(Counters.Sum(listed.Select(Counters.Of)), Counters.Of(endpoint));

        static string Posture(ClientVpnConnection c) => string.Join(",", c.PostureComplianceStatuses ?? []);
        var groups = listed
            .GroupBy(c => (Status: c.Status.Code.Value, Posture: Posture(c)))
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(groups, endpoint.Connections.ToDictionary(g => (g.Status, string.Join(",", g.PostureStatuses)), g => g.Count));

        var byPosture = listed.GroupBy(Posture).ToDictionary(g => g.Key, g => Counters.Sum(g.Select(Counters.Of)));
        Assert.Equal(
            byPosture,
            endpoint.TotalsByPosture.ToDictionary(p => string.Join(",", p.PostureStatuses), p => new Counters(p.IngressBytes, p.EgressBytes, p.IngressPackets, p.EgressPackets)));

        static string User(ClientVpnConnection c) => string.IsNullOrEmpty(c.Username) ? c.CommonName : c.Username;
        Assert.Equal(listed.Where(c => c.Status.Code == "active").Select(User).Distinct().Count(), endpoint.ActiveUsers);

        var users = listed.GroupBy(User).ToDictionary(g => g.Key, g => Counters.Sum(g.Select(Counters.Of)));
        Assert.Equal(
            users,
            endpoint.Users!.ToDictionary(u => u.User, u => new Counters(u.IngressBytes, u.EgressBytes, u.IngressPackets, u.EgressPackets)));
        foreach (var user in endpoint.Users!)
        {
            var statuses = listed.Where(c => User(c) == user.User).GroupBy(c => c.Status.Code.Value).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(statuses, user.ConnectionsByStatus);
        }
    }
}
