using System.Globalization;
using System.Net.Http.Json;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>Many targets (account × region) read concurrently through the real SDK: a hung target holds up none of the others.</summary>
public class ManyTargetsTests
{
    private const int AccountCount = 12;
    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Fact]
    public async Task Poll_OneTargetsDiscoveryHangs_EveryOtherTargetIsDiscoveredAndReadMeanwhile()
    {
        var accounts = Enumerable.Range(1, AccountCount).Select(i => (100000000000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var slow = accounts[1];
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 3, ChurnPerHour = 0, Seed = 5, Accounts = accounts },
            [
                "--ClientVpn:MaxConcurrentTargets=4",
                "--ClientVpn:ApiBudget:MaxRetries=0",
                "--ClientVpn:ApiBudget:RequestTimeout=00:05:00",
                .. accounts.SelectMany((account, i) => new[]
                {
                    $"--ClientVpn:Accounts:{i}:RoleArn=arn:aws:iam::{account}:role/clientvpn-exporter",
                    $"--ClientVpn:Accounts:{i}:Regions:0=us-east-1",
                }),
            ]);
        var before = await RequestsAsync(harness);

        // The slow target's discovery is never answered: sequential discovery would read nothing until it gave up.
        await harness.SetFaultsAsync(new { action = "DescribeClientVpnEndpoints", accountId = slow, hangRate = 1.0 });
        using var stop = new CancellationTokenSource();
        var poll = harness.Poller.PollAsync(stop.Token);
        var others = accounts.Where(a => a != slow).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (await RequestsAsync(harness) is var now && !others.All(a => Connections(now, a) > Connections(before, a)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the other targets were not all read within 2 minutes");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.False(poll.IsCompleted, "the poll ended although the slow target's discovery was never answered");
        Assert.Equal(Connections(before, slow), Connections(await RequestsAsync(harness), slow));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);

        // Once it answers again, every target is read and the fleet matches the simulator's truth.
        await harness.ClearFaultsAsync();
        await harness.PollAsync();
        var samples = await harness.ScrapeAsync();
        var truth = await harness.TruthAsync();
        Assert.Equal(truth.Endpoints.Select(e => e.EndpointId).Order(), samples.Where(s => s.Name == "clientvpn_endpoint_up").Select(s => s.Label("endpoint_id")).Order());
        Assert.All(samples.Where(s => s.Name == "clientvpn_endpoint_up"), s => Assert.Equal(1, s.Value));
        Assert.Equal(accounts.Order(), samples.Where(s => s.Name == "clientvpn_endpoint_info").Select(s => s.Label("account_id")).Distinct().Order());
    }

    private static async Task<RequestCounts> RequestsAsync(ExporterOnSimulator harness) =>
        (await harness.SimulatorHttp.GetFromJsonAsync<RequestCounts>("/sim/truth", JsonOptions))!;

    private static long Connections(RequestCounts counts, string account) =>
        counts.RequestsByAccount.TryGetValue(account, out var byAction) ? byAction.GetValueOrDefault("DescribeClientVpnConnections") : 0;

    private sealed record RequestCounts(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> RequestsByAccount);
}
