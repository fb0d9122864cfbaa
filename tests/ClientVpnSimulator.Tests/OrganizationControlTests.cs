using System.Net;
using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

/// <summary>Accounts that leave, join and are suspended; roles of any name in every account, through the real .NET STS and EC2 SDKs.</summary>
public sealed class OrganizationControlTests
{
    private const string Management = "100000000000";
    private const string Leaver = "100000000003";
    private const string Suspended = "100000000001";

    private static SimulatorOptions Organization(int accounts = 8, int withEndpoints = 2) => SimulatorHarness.Options(o =>
    {
        o.AccountCount = accounts;
        o.AccountsWithEndpoints = withEndpoints;
        o.Endpoints = 2;
        o.ConnectionsPerEndpoint = 3;
    });

    [Fact]
    public async Task AnAccountThatLeaves_IsNoLongerListed_AndJoiningAgainListsItInvited()
    {
        await using var sim = await SimulatorHarness.StartAsync(Organization());
        var sandbox = (await sim.OrganizationAsync()).Unit("Sandbox").Id;

        var left = await sim.Http.PostAsync($"sim/organization/accounts/{Leaver}/leave", null);
        var afterLeaving = await ListAccountsAsync(sim);
        var truthAfterLeaving = (await sim.OrganizationAsync()).Account(Leaver);
        var leftAgain = await sim.Http.PostAsync($"sim/organization/accounts/{Leaver}/leave", null);
        await sim.AdvanceAsync(90);
        var joined = await sim.Http.PostAsync($"sim/organization/accounts/{Leaver}/join?parentId={sandbox}", null);
        var afterJoining = await ListAccountsAsync(sim);
        var truthAfterJoining = (await sim.OrganizationAsync()).Account(Leaver);
        var joinedAgain = await sim.Http.PostAsync($"sim/organization/accounts/{Leaver}/join", null);

        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.Equal(7, afterLeaving.Count);
        Assert.DoesNotContain(Leaver, afterLeaving.Select(a => a.GetProperty("Id").GetString()));
        Assert.False(truthAfterLeaving.Member);
        Assert.Null(truthAfterLeaving.State);
        Assert.Equal(HttpStatusCode.Conflict, leftAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, joined.StatusCode);
        var rejoined = afterJoining.Single(a => a.GetProperty("Id").GetString() == Leaver);
        Assert.Equal("INVITED", rejoined.GetProperty("JoinedMethod").GetString());
        Assert.Equal(SimulatorHarness.DefaultStart.AddSeconds(90).ToUnixTimeSeconds(), rejoined.GetProperty("JoinedTimestamp").GetInt64());
        Assert.Equal("member-0003", rejoined.GetProperty("Name").GetString());
        Assert.Equal(8, afterJoining.Count);
        Assert.Equal(sandbox, truthAfterJoining.ParentId);
        Assert.Equal([sandbox], truthAfterJoining.OrganizationalUnitIds);
        Assert.Equal(HttpStatusCode.Conflict, joinedAgain.StatusCode);
    }

    [Fact]
    public async Task TheManagementAccount_CannotLeave_AndUnknownAccountsOrParentsAreNotFound()
    {
        await using var sim = await SimulatorHarness.StartAsync(Organization());

        Assert.Equal(HttpStatusCode.Conflict, (await sim.Http.PostAsync($"sim/organization/accounts/{Management}/leave", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sim.Http.PostAsync("sim/organization/accounts/999999999999/leave", null)).StatusCode);
        await sim.Http.PostAsync($"sim/organization/accounts/{Leaver}/leave", null);
        Assert.Equal(HttpStatusCode.NotFound, (await sim.Http.PostAsync($"sim/organization/accounts/{Leaver}/join?parentId=ou-zzzz-zzzzzzzz", null)).StatusCode);
        var (badState, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/organization/accounts/{Suspended}/state", "{\"state\":\"ASLEEP\"}");
        Assert.Equal(HttpStatusCode.BadRequest, badState);
        var (notMember, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/organization/accounts/{Leaver}/state", "{\"state\":\"SUSPENDED\"}");
        Assert.Equal(HttpStatusCode.NotFound, notMember);
    }

    [Fact]
    public async Task ASuspendedAccount_IsListedSuspended_ItsRolesCannotBeAssumed_AndItsCredentialsAreRefused()
    {
        await using var sim = await SimulatorHarness.StartAsync(Organization());
        using var sts = sim.StsWith();
        var role = $"arn:aws:iam::{Suspended}:role/OrganizationAccountAccessRole";
        var before = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, RoleSessionName = "before" })).Credentials;
        using var ec2 = sim.Ec2With(new SessionAWSCredentials(before.AccessKeyId, before.SecretAccessKey, before.SessionToken));
        var endpointsBefore = (await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest())).ClientVpnEndpoints;

        var (suspend, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/organization/accounts/{Suspended}/state", "{\"state\":\"SUSPENDED\"}");
        var listed = (await ListAccountsAsync(sim)).Single(a => a.GetProperty("Id").GetString() == Suspended);
        var assume = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, RoleSessionName = "after" }));
        var describe = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest()));
        await sim.SendJsonAsync(HttpMethod.Post, $"sim/organization/accounts/{Suspended}/state", "{\"state\":\"ACTIVE\"}");
        var endpointsAfter = (await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest())).ClientVpnEndpoints;

        Assert.Equal(2, endpointsBefore.Count);
        Assert.Equal(HttpStatusCode.NoContent, suspend);
        Assert.Equal("SUSPENDED", listed.GetProperty("State").GetString());
        Assert.Equal("SUSPENDED", listed.GetProperty("Status").GetString());
        Assert.Equal("AccessDenied", assume.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, assume.StatusCode);
        Assert.Equal("AuthFailure", describe.ErrorCode);
        Assert.Equal(2, endpointsAfter.Count);
    }

    [Fact]
    public async Task ARoleOfAnyName_IsAssumableInEveryAccount_AndOnlyTheFirstAccountsHaveEndpoints()
    {
        await using var sim = await SimulatorHarness.StartAsync(Organization(accounts: 12, withEndpoints: 3));
        using var sts = sim.StsWith();
        var truth = await sim.TruthAsync();
        string[] names = ["clientvpn-exporter", "OrganizationAccountAccessRole", "team/path/Reader"];

        for (var i = 0; i < 12; i++)
        {
            var account = (SimulatedAccountId(i));
            var role = $"arn:aws:iam::{account}:role/{names[i % names.Length]}";
            var issued = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, RoleSessionName = "scan" })).Credentials;
            using var ec2 = sim.Ec2With(new SessionAWSCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken));
            var endpoints = (await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest())).ClientVpnEndpoints ?? [];

            Assert.Equal(truth.Endpoints.Where(e => e.AccountId == account).Select(e => e.EndpointId), endpoints.Select(e => e.ClientVpnEndpointId));
            Assert.Equal(i < 3 ? 2 : 0, endpoints.Count);
        }

        Assert.Equal(12, truth.RequestsByAccount.Count);
    }

    [Fact]
    public async Task AssumeRoleDeniedInOneAccount_LeavesEveryOtherAccountAssumable()
    {
        await using var sim = await SimulatorHarness.StartAsync(Organization());
        using var sts = sim.StsWith();
        await sim.PutAsync("sim/permissions", $"{{\"deny\":[{{\"accountId\":\"{Leaver}\",\"action\":\"sts:AssumeRole\"}}]}}");

        var denied = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Leaver}:role/exporter", RoleSessionName = "scan" }));
        for (var i = 0; i < 8; i++)
        {
            if (SimulatedAccountId(i) != Leaver)
            {
                await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{SimulatedAccountId(i)}:role/exporter", RoleSessionName = "scan" });
            }
        }

        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Equal(8, (await sim.TruthAsync()).RequestsByAccount.Values.Sum(r => r["AssumeRole"]));
    }

    [Fact]
    public async Task Tags_ReplacedThroughControl_AreWhatListTagsForResourceAnswers()
    {
        await using var sim = await SimulatorHarness.StartAsync(Organization());

        var (status, _) = await sim.SendJsonAsync(HttpMethod.Put, $"sim/organization/accounts/{Leaver}/tags", "{\"team\":\"vpn\",\"cost-center\":\"42\"}");
        var (_, tags) = await sim.PostTargetAsync("AWSOrganizationsV20161128.ListTagsForResource", $"{{\"ResourceId\":\"{Leaver}\"}}");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(
            [("cost-center", "42"), ("team", "vpn")],
            tags.GetProperty("Tags").EnumerateArray().Select(t => (t.GetProperty("Key").GetString(), t.GetProperty("Value").GetString())));
        Assert.Equal("vpn", (await sim.OrganizationAsync()).Account(Leaver).Tags["team"]);
    }

    private static string SimulatedAccountId(int index) => (100_000_000_000L + index).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<JsonElement>> ListAccountsAsync(SimulatorHarness sim)
    {
        var accounts = new List<JsonElement>();
        string? token = null;
        do
        {
            var (status, page) = await sim.PostTargetAsync(
                "AWSOrganizationsV20161128.ListAccounts", token is null ? "{\"MaxResults\":3}" : $"{{\"MaxResults\":3,\"NextToken\":\"{token}\"}}");
            Assert.Equal(HttpStatusCode.OK, status);
            accounts.AddRange(page.GetProperty("Accounts").EnumerateArray());
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return accounts;
    }
}
