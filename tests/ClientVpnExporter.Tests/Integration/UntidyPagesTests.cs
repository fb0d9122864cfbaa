using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>
/// Pages as untidy as EC2's (short before the end, a token on the last page leading to empty ones), met by the
/// SDK's paginator in the real exporter: totals stay exact, only the number of calls grows.
/// </summary>
public class UntidyPagesTests
{
    private const string Connections = "DescribeClientVpnConnections";

    [Fact]
    public async Task UntidyPages_OnEveryDescribe_TotalsStayExactInMoreThanTheMinimumCalls()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 300, ChurnPerHour = 600, Seed = 23 },
            "--ClientVpn:PageSize=50",
            "--ClientVpn:PerUserMetrics=true",
            "--ClientVpn:ApiBudget:RequestsPerSecond=100",
            "--ClientVpn:ApiBudget:Burst=100");
        await harness.SetFaultsAsync(new { untidyPageRate = 0.7 });

        for (var poll = 0; poll < 3; poll++)
        {
            await harness.AdvanceAsync(TimeSpan.FromMinutes(4));
            var before = (await harness.TruthAsync()).Requests[Connections];
            await harness.PollAsync();
            var truth = await harness.TruthAsync(users: true);

            GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), await harness.ScrapeAsync(), users: true);
            var minimum = truth.Endpoints.Where(e => !e.Deleted).Sum(e => (e.ListedConnections + 49) / 50);
            Assert.True(truth.Requests[Connections] - before > minimum, $"{truth.Requests[Connections] - before} calls, minimum {minimum}");
        }

        var faults = await harness.SimulatorHttp.GetStringAsync("/sim/truth");
        Assert.DoesNotContain("\"untidyPages\":0", faults, StringComparison.Ordinal);
    }
}
