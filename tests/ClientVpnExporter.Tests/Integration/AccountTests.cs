using System.Net.Http.Json;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>Several accounts through assumed roles, several regions, and the permission checks.</summary>
public class AccountTests
{
    private const string Own = "111111111111";
    private const string Other = "222222222222";

    [Fact]
    public async Task TwoAccountsInTwoRegions_EachIsReadWithItsRoleAndLabelledRight()
    {
        await using var harness = await StartAsync(_ => Task.CompletedTask, new FakeLogCollector());
        await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        await harness.PollAsync();
        var samples = await harness.ScrapeAsync();

        foreach (var (account, region) in new[] { (Own, "us-east-1"), (Other, "eu-west-1") })
        {
            var truth = await harness.SimulatorHttp.GetFromJsonAsync<GroundTruth>($"/sim/truth?account={account}", JsonOptions);
            var exported = samples.Where(s => s.Name == "clientvpn_endpoint_info" && s.Label("account_id") == account).ToList();
            Assert.Equal(truth!.Endpoints.Select(e => e.EndpointId).Order(), exported.Select(s => s.Label("endpoint_id")).Order());
            Assert.All(exported, s => Assert.Equal(region, s.Label("region")));
        }

        GroundTruthTests.AssertMatches(await harness.TruthSinceFirstPollAsync(), samples, users: false);
        var requests = await harness.SimulatorHttp.GetFromJsonAsync<RequestCounts>("/sim/truth", JsonOptions);
        Assert.True(requests!.RequestsByAccount[Other]["DescribeClientVpnConnections"] > 0);
        Assert.True(requests.RequestsByAccount[Own]["DescribeClientVpnConnections"] > 0);
        Assert.True(requests.Requests["AssumeRole"] >= 2);
    }

    [Fact]
    public async Task DeniedAction_IsReportedByPermissionMetricAndOneLogLineNamingIt()
    {
        var logs = new FakeLogCollector();
        await using var harness = await StartAsync(
            async simulator =>
            {
                using var response = await simulator.PutAsJsonAsync("/sim/permissions", new { deny = new[] { new { accountId = Other, action = "DescribeClientVpnConnections" } } });
                response.EnsureSuccessStatusCode();
            },
            logs);
        await harness.PollAsync();
        var samples = await harness.ScrapeAsync();

        double Permission(string action, string account) =>
            samples.Single(s => s.Name == "clientvpn_exporter_permission_ok" && s.Label("action") == action && s.Label("account_id") == account).Value;
        Assert.Equal(0, Permission("ec2:DescribeClientVpnConnections", Other));
        Assert.Equal(1, Permission("ec2:DescribeClientVpnEndpoints", Other));
        Assert.Equal(1, Permission("ec2:DescribeClientVpnConnections", Own));
        Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("grant ec2:DescribeClientVpnConnections", StringComparison.Ordinal) && r.Message.Contains(Other, StringComparison.Ordinal));
        var otherEndpoints = samples.Where(s => s.Name == "clientvpn_endpoint_info" && s.Label("account_id") == Other).Select(s => s.Label("endpoint_id")).ToHashSet();
        Assert.NotEmpty(otherEndpoints);
        Assert.All(samples.Where(s => s.Name == "clientvpn_endpoint_up" && otherEndpoints.Contains(s.Label("endpoint_id"))), s => Assert.Equal(0, s.Value));
    }

    [Fact]
    public async Task ShortLivedRoleCredentials_AreRenewedAndReadingGoesOn()
    {
        await using var harness = await StartAsync(_ => Task.CompletedTask, new FakeLogCollector(), credentialLifetime: TimeSpan.FromSeconds(3));
        var assumedBefore = (await harness.SimulatorHttp.GetFromJsonAsync<RequestCounts>("/sim/truth", JsonOptions))!.Requests["AssumeRole"];

        for (var poll = 0; poll < 3; poll++)
        {
            await Task.Delay(TimeSpan.FromSeconds(3.5));
            await harness.PollAsync();
            Assert.All((await harness.ScrapeAsync()).Where(s => s.Name == "clientvpn_endpoint_up"), s => Assert.Equal(1, s.Value));
        }

        var assumedAfter = (await harness.SimulatorHttp.GetFromJsonAsync<RequestCounts>("/sim/truth", JsonOptions))!.Requests["AssumeRole"];
        Assert.True(assumedAfter > assumedBefore, $"AssumeRole was called {assumedBefore} then {assumedAfter} times");
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static Task<ExporterOnSimulator> StartAsync(Func<HttpClient, Task> prepare, FakeLogCollector logs, TimeSpan? credentialLifetime = null) =>
        ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 40, ChurnPerHour = 120, Seed = 23, Accounts = [Own, Other], CredentialLifetime = credentialLifetime },
            prepare,
            builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)),
            $"--ClientVpn:Accounts:0:RoleArn=arn:aws:iam::{Own}:role/clientvpn-exporter",
            "--ClientVpn:Accounts:0:Regions:0=us-east-1",
            $"--ClientVpn:Accounts:1:RoleArn=arn:aws:iam::{Other}:role/clientvpn-exporter",
            "--ClientVpn:Accounts:1:Regions:0=eu-west-1");

    private sealed record RequestCounts(IReadOnlyDictionary<string, long> Requests, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> RequestsByAccount);
}
