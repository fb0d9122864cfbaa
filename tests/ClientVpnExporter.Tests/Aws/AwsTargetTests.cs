using ClientVpnExporter.Aws;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Tests.Aws;

/// <summary>The account id has one source, the target, which learns the exporter's own from STS through the real SDK.</summary>
public class AwsTargetTests
{
    private const string Own = "333333333333";

    [Fact]
    public async Task AwsTarget_AccountIdLearnedFromSts_UsedByEveryLabel()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 10, Seed = 5, Accounts = [Own] });
        await harness.PollAsync();
        var samples = await harness.ScrapeAsync();

        var target = Assert.Single(harness.Exporter.Services.GetRequiredService<IAwsTargets>().Targets);
        Assert.Equal(AwsAccounts.Default, target.AccountKey);
        Assert.Equal(Own, target.AccountId);
        var labelled = samples.Where(s => s.Labels.ContainsKey("account_id")).ToList();
        foreach (var family in new[] { "clientvpn_endpoint_info", "clientvpn_exporter_api_requests_total", "clientvpn_exporter_budget_wait_seconds_total", "clientvpn_exporter_permission_ok" })
        {
            Assert.Contains(labelled, s => s.Name == family);
        }

        Assert.All(labelled, s => Assert.Equal(Own, s.Label("account_id")));
    }
}
