using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

public sealed class PermissionAndStatusTests
{
    [Fact]
    public async Task DeniedAction_IsUnauthorizedOperation_DryRunIncluded_WhileOtherActionsWork()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();
        await sim.PutAsync("sim/permissions", """{"deny":[{"action":"DescribeClientVpnConnections"}]}""");

        var denied = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.ConnectionsAsync(endpointId));
        var deniedDryRun = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, DryRun = true }));
        var permittedDryRun = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnEndpointsAsync(
            new DescribeClientVpnEndpointsRequest { DryRun = true }));
        var endpoints = await sim.EndpointsAsync();

        Assert.Equal(("UnauthorizedOperation", HttpStatusCode.Forbidden), (denied.ErrorCode, denied.StatusCode));
        Assert.Equal("You are not authorized to perform this operation.", denied.Message);
        Assert.Equal("UnauthorizedOperation", deniedDryRun.ErrorCode);
        Assert.Equal("DryRunOperation", permittedDryRun.ErrorCode);
        Assert.Equal(3, endpoints.Count);
        Assert.Equal(2, (await sim.TruthAsync()).Requests["DescribeClientVpnConnections"]);
    }

    [Fact]
    public async Task Denial_OfOneAccount_LeavesTheOtherAlone()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.Accounts = ["111111111111", "222222222222"]));
        using var sts = sim.StsWith();
        var assumed = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::222222222222:role/r", RoleSessionName = "exporter" })).Credentials;
        using var otherEc2 = sim.Ec2With(new SessionAWSCredentials(assumed.AccessKeyId, assumed.SecretAccessKey, assumed.SessionToken));
        await sim.PutAsync("sim/permissions", """{"deny":[{"accountId":"222222222222","action":"DescribeClientVpnEndpoints"}]}""");

        var denied = await Assert.ThrowsAsync<AmazonEC2Exception>(() => otherEc2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest()));
        var own = await sim.EndpointsAsync();

        Assert.Equal("UnauthorizedOperation", denied.ErrorCode);
        Assert.Equal(3, own.Count);
    }

    [Fact]
    public async Task PermissionsApi_GetShowsTheDenials_DeleteAllowsEverythingAgain_InvalidIs400()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PutAsync("sim/permissions", """{"deny":[{"accountId":"111111111111","action":"*"}]}""");

        var shown = await sim.Http.GetStringAsync("sim/permissions");
        await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.EndpointsAsync());
        using var deleted = await sim.Http.DeleteAsync("sim/permissions");
        var endpoints = await sim.EndpointsAsync();
        var (status, body) = await sim.SendJsonAsync(HttpMethod.Put, "sim/permissions", """{"deny":[{"action":"TerminateClientVpnConnections"}]}""");

        Assert.Equal("""{"deny":[{"accountId":"111111111111","action":"*"}]}""", shown);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("""{"deny":[]}""", await sim.Http.GetStringAsync("sim/permissions"));
        Assert.Equal(3, endpoints.Count);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("deny[0].action must be", body);
    }

    [Theory]
    [InlineData("pending-associate")]
    [InlineData("deleting")]
    [InlineData("deleted")]
    [InlineData("available")]
    public async Task EndpointStatus_IsReportedByDescribeClientVpnEndpointsAndTruth(string code)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = (await sim.EndpointsAsync())[1].ClientVpnEndpointId;

        var (status, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpointId}/status", $$"""{"code":"{{code}}"}""");
        var endpoints = await sim.EndpointsAsync();
        var truth = await sim.TruthAsync();

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(["available", code, "available"], endpoints.Select(e => e.Status.Code.Value));
        Assert.Equal(code, truth.Endpoints[1].Status);
        Assert.NotEmpty(await sim.ConnectionsAsync(endpointId));
    }

    [Theory]
    [InlineData("cvpn-endpoint-00000000000000000", """{"code":"deleting"}""", HttpStatusCode.NotFound)]
    [InlineData(null, """{"code":"gone"}""", HttpStatusCode.BadRequest)]
    [InlineData(null, """{"status":"deleting"}""", HttpStatusCode.BadRequest)]
    [InlineData(null, "", HttpStatusCode.BadRequest)]
    public async Task EndpointStatus_UnknownEndpointOrInvalidCode_IsRefused(string? endpointId, string body, HttpStatusCode expected)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        endpointId ??= await sim.FirstEndpointIdAsync();

        var (status, answer) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpointId}/status", body);

        Assert.Equal(expected, status);
        Assert.Contains("\"error\"", answer);
        Assert.All(await sim.EndpointsAsync(), e => Assert.Equal("available", e.Status.Code.Value));
    }
}
