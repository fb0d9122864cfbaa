using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

/// <summary>DescribeRegions and regions that are not enabled, through the real .NET EC2 SDK (and botocore).</summary>
public sealed class RegionTests
{
    private const string Own = "111111111111";
    private const string Other = "222222222222";

    private static readonly string[] Default =
    [
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
        "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    ];

    private static SimulatorOptions Regions(params string[] regions) => SimulatorHarness.Options(o =>
    {
        o.Accounts = [Own, Other];
        o.Regions = regions.Length == 0 ? null : [.. regions];
    });

    [Fact]
    public async Task DescribeRegions_ByDefault_ListsTheRegionsAwsEnablesEverywhere()
    {
        await using var sim = await SimulatorHarness.StartAsync(Regions());

        var regions = (await sim.Ec2.DescribeRegionsAsync(new DescribeRegionsRequest())).Regions;

        Assert.Equal(Default, regions.Select(r => r.RegionName));
        Assert.All(regions, r => Assert.Equal("opt-in-not-required", r.OptInStatus));
        Assert.All(regions, r => Assert.Equal($"ec2.{r.RegionName}.amazonaws.com", r.Endpoint));
    }

    [Fact]
    public async Task DescribeRegions_WithoutAllRegions_ListsOnlyEnabledOnes_AndWithItTheOptInOnesNotEnabled()
    {
        await using var sim = await SimulatorHarness.StartAsync(Regions("us-east-1", "eu-west-1", "af-south-1", "us-west-2"));

        var enabled = (await sim.Ec2.DescribeRegionsAsync(new DescribeRegionsRequest())).Regions;
        var all = (await sim.Ec2.DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = true })).Regions;
        var notOptedIn = (await sim.Ec2.DescribeRegionsAsync(new DescribeRegionsRequest
        {
            AllRegions = true,
            Filters = [new Filter("opt-in-status", ["not-opted-in"])],
        })).Regions;
        var named = (await sim.Ec2.DescribeRegionsAsync(new DescribeRegionsRequest { RegionNames = ["eu-west-1"] })).Regions;
        var unknown = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeRegionsAsync(new DescribeRegionsRequest { RegionNames = ["ap-east-1"] }));

        Assert.Equal(["af-south-1", "eu-west-1", "us-east-1", "us-west-2"], enabled.Select(r => r.RegionName));
        Assert.Equal("opted-in", enabled[0].OptInStatus);
        Assert.All(enabled.Skip(1), r => Assert.Equal("opt-in-not-required", r.OptInStatus));
        Assert.Equal(15, all.Count);
        Assert.Equal(11, notOptedIn.Count);
        Assert.All(notOptedIn, r => Assert.DoesNotContain(r.RegionName, enabled.Select(e => e.RegionName)));
        Assert.Contains("ap-east-1", notOptedIn.Select(r => r.RegionName));
        Assert.Equal(["eu-west-1"], named.Select(r => r.RegionName));
        Assert.Equal("InvalidParameterValue", unknown.ErrorCode);
    }

    [Fact]
    public async Task ARegionNotEnabled_AnswersAuthFailure_UntilThatAccountEnablesIt()
    {
        await using var sim = await SimulatorHarness.StartAsync(Regions());
        using var hongKong = sim.Ec2With(SimulatorHarness.BaseCredentials, c => c.AuthenticationRegion = "ap-east-1");
        using var sts = sim.StsWith();
        var role = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Other}:role/AnyNameAtAll", RoleSessionName = "regions" })).Credentials;
        using var otherHongKong = sim.Ec2With(new SessionAWSCredentials(role.AccessKeyId, role.SecretAccessKey, role.SessionToken), c => c.AuthenticationRegion = "ap-east-1");

        var before = await Assert.ThrowsAsync<AmazonEC2Exception>(() => hongKong.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest()));
        var regionsBefore = await Assert.ThrowsAsync<AmazonEC2Exception>(() => hongKong.DescribeRegionsAsync(new DescribeRegionsRequest()));
        var enable = await sim.Http.PutAsync($"sim/accounts/{Own}/regions/ap-east-1", null);
        var endpoints = (await hongKong.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest())).ClientVpnEndpoints;
        var listed = (await sim.Ec2.DescribeRegionsAsync(new DescribeRegionsRequest { RegionNames = ["ap-east-1"] })).Regions.Single();
        var otherStill = await Assert.ThrowsAsync<AmazonEC2Exception>(() => otherHongKong.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest()));
        var truth = await sim.OrganizationAsync();
        var disable = await sim.Http.DeleteAsync($"sim/accounts/{Own}/regions/ap-east-1");
        var after = await Assert.ThrowsAsync<AmazonEC2Exception>(() => hongKong.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest()));

        Assert.Equal("AuthFailure", before.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal("AWS was not able to validate the provided access credentials", before.Message);
        Assert.Equal("AuthFailure", regionsBefore.ErrorCode);
        Assert.Equal(HttpStatusCode.NoContent, enable.StatusCode);
        Assert.Equal(3, endpoints.Count);
        Assert.Equal("opted-in", listed.OptInStatus);
        Assert.Equal("AuthFailure", otherStill.ErrorCode);
        Assert.Contains("ap-east-1", truth.Account(Own).EnabledRegions);
        Assert.DoesNotContain("ap-east-1", truth.Account(Other).EnabledRegions);
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        Assert.Equal("AuthFailure", after.ErrorCode);
    }

    [Fact]
    public async Task RegionControl_RefusesUnknownAccountsMalformedRegionsAndNoChange()
    {
        await using var sim = await SimulatorHarness.StartAsync(Regions());

        Assert.Equal(HttpStatusCode.NotFound, (await sim.Http.PutAsync("sim/accounts/333333333333/regions/af-south-1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await sim.Http.PutAsync($"sim/accounts/{Own}/regions/mars", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sim.Http.PutAsync($"sim/accounts/{Own}/regions/us-east-1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sim.Http.DeleteAsync($"sim/accounts/{Own}/regions/af-south-1")).StatusCode);
    }

    [Fact]
    public async Task EndpointRegions_HoldTheEndpoints_AndTheOtherEnabledRegionsShowNone()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o =>
        {
            o.Accounts = [Own, Other];
            o.Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
            o.EndpointRegions = ["eu-west-1"];
        }));
        using var ireland = sim.Ec2With(SimulatorHarness.BaseCredentials, c => c.AuthenticationRegion = "eu-west-1");
        var truth = await sim.TruthAsync(account: Own);

        var inIreland = (await ireland.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest())).ClientVpnEndpoints;
        var inVirginia = (await sim.Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest())).ClientVpnEndpoints ?? [];
        var connections = await SimulatorHarness.ConnectionsAsync(ireland, inIreland[0].ClientVpnEndpointId);
        var elsewhere = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.ConnectionsAsync(inIreland[0].ClientVpnEndpointId));
        var regions = (await sim.Ec2.DescribeRegionsAsync(new DescribeRegionsRequest())).Regions;

        Assert.Equal(truth.Endpoints.Select(e => e.EndpointId), inIreland.Select(e => e.ClientVpnEndpointId));
        Assert.Empty(inVirginia);
        Assert.Equal(truth.Endpoints[0].Connections.Sum(g => g.Count), connections.Count);
        Assert.Equal("InvalidClientVpnEndpointId.NotFound", elsewhere.ErrorCode);
        Assert.Equal(["ap-southeast-2", "eu-west-1", "us-east-1"], regions.Select(r => r.RegionName));
    }

    [BotocoreFact]
    public async Task DescribeRegions_BotocoreAndTheDotNetSdk_Agree()
    {
        await using var sim = await SimulatorHarness.StartAsync(Regions("us-east-1", "af-south-1"));
        var sdk = await sim.Ec2.DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = true });

        var results = await Botocore.RunAsync(
            sim.Server.BaseAddress,
            new BotocoreCall("ec2", "DescribeRegions", new() { ["AllRegions"] = true }),
            new BotocoreCall("ec2", "DescribeRegions", Region: "ap-east-1"));
        var paths = BotocoreAgreement.AssertAgree(results[0], [sdk]);

        Assert.Contains("/Regions/*/OptInStatus", paths);
        Assert.Contains("/Regions/*/Endpoint", paths);
        Assert.Equal(new BotocoreError("AuthFailure", "AWS was not able to validate the provided access credentials", 401), results[1].Error);
    }
}
