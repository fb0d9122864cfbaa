using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

public sealed class AccountAndStsTests
{
    private const string Own = "111111111111";
    private const string Other = "222222222222";
    private const string OtherRole = "arn:aws:iam::222222222222:role/clientvpn-exporter";

    private static SimulatorOptions TwoAccounts(Action<SimulatorOptions>? configure = null) => SimulatorHarness.Options(o =>
    {
        o.Accounts = [Own, Other];
        o.Endpoints = 2;
        o.ConnectionsPerEndpoint = 10;
        configure?.Invoke(o);
    });

    [Fact]
    public async Task AssumeRole_ThroughTheRealStsClient_GivesCredentialsWhoseEc2CallsSeeThatAccountsFleet()
    {
        await using var sim = await SimulatorHarness.StartAsync(TwoAccounts());
        using var sts = sim.StsWith();

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = OtherRole, RoleSessionName = "exporter" });
        var credentials = assumed.Credentials;
        using var otherEc2 = sim.Ec2With(new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
        var otherEndpoints = (await otherEc2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest())).ClientVpnEndpoints;
        var ownEndpoints = await sim.EndpointsAsync();
        var otherTruth = await sim.TruthAsync(account: Other);
        var connections = await SimulatorHarness.ConnectionsAsync(otherEc2, otherEndpoints[0].ClientVpnEndpointId);
        var fromOwnAccount = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.ConnectionsAsync(otherEndpoints[0].ClientVpnEndpointId));

        Assert.Matches("^ASIA[A-Z2-7]{16}$", credentials.AccessKeyId);
        Assert.Equal(40, credentials.SecretAccessKey.Length);
        Assert.NotEmpty(credentials.SessionToken);
        Assert.InRange(credentials.Expiration!.Value.ToUniversalTime(), DateTime.UtcNow.AddMinutes(59), DateTime.UtcNow.AddMinutes(61));
        Assert.Equal("arn:aws:sts::222222222222:assumed-role/clientvpn-exporter/exporter", assumed.AssumedRoleUser.Arn);
        Assert.Matches("^AROA[A-Z2-7]{17}:exporter$", assumed.AssumedRoleUser.AssumedRoleId);
        Assert.Equal(otherTruth.Endpoints.Select(e => e.EndpointId), otherEndpoints.Select(e => e.ClientVpnEndpointId));
        Assert.Empty(otherEndpoints.Select(e => e.ClientVpnEndpointId).Intersect(ownEndpoints.Select(e => e.ClientVpnEndpointId)));
        Assert.All(otherTruth.Endpoints, e => Assert.Equal(Other, e.AccountId));
        Assert.Equal(otherTruth.Endpoints[0].Connections.Sum(g => g.Count), connections.Count);
        Assert.Equal("InvalidClientVpnEndpointId.NotFound", fromOwnAccount.ErrorCode);
        Assert.Contains(Other, otherEndpoints[0].ServerCertificateArn);
    }

    [Fact]
    public async Task GetCallerIdentity_NamesTheOwnAccountForUnknownKeys_AndTheRoleSessionForIssuedOnes()
    {
        await using var sim = await SimulatorHarness.StartAsync(TwoAccounts());
        using var sts = sim.StsWith();
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = OtherRole, RoleSessionName = "exporter" });
        using var assumedSts = sim.StsWith(new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken));

        var own = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var role = await assumedSts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal(Own, own.Account);
        Assert.Equal("arn:aws:iam::111111111111:user/clientvpn-simulator", own.Arn);
        Assert.Matches("^AIDA[A-Z2-7]{17}$", own.UserId);
        Assert.Equal(Other, role.Account);
        Assert.Equal(assumed.AssumedRoleUser.Arn, role.Arn);
        Assert.Equal(assumed.AssumedRoleUser.AssumedRoleId, role.UserId);
    }

    [Fact]
    public async Task AssumeRole_InAnAccountTheSimulatorDoesNotHave_IsAccessDeniedInStsErrorFormat()
    {
        await using var sim = await SimulatorHarness.StartAsync(TwoAccounts());
        using var sts = sim.StsWith();

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = "arn:aws:iam::333333333333:role/clientvpn-exporter", RoleSessionName = "exporter" }));
        var (status, body) = await sim.PostQueryAsync(
            ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", "arn:aws:iam::333333333333:role/x"), ("RoleSessionName", "s1"));

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(ErrorType.Sender, error.ErrorType);
        Assert.Equal(
            "User: arn:aws:iam::111111111111:user/clientvpn-simulator is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::333333333333:role/clientvpn-exporter",
            error.Message);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        System.Xml.Linq.XNamespace ns = "https://sts.amazonaws.com/doc/2011-06-15/";
        Assert.Equal(ns + "ErrorResponse", body.Root!.Name);
        Assert.Equal(["Type", "Code", "Message"], body.Root.Element(ns + "Error")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Sender", body.Root.Element(ns + "Error")!.Element(ns + "Type")!.Value);
        Assert.True(Guid.TryParse(body.Root.Element(ns + "RequestId")!.Value, out _));
    }

    [Fact]
    public async Task AssumeRole_WithRequiredExternalId_IsDeniedWithoutIt()
    {
        await using var sim = await SimulatorHarness.StartAsync(TwoAccounts(o => o.RequiredExternalId = "s3cr3t"));
        using var sts = sim.StsWith();

        var without = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = OtherRole, RoleSessionName = "exporter" }));
        var wrong = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = OtherRole, RoleSessionName = "exporter", ExternalId = "guess" }));
        var with = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = OtherRole, RoleSessionName = "exporter", ExternalId = "s3cr3t" });

        Assert.Equal("AccessDenied", without.ErrorCode);
        Assert.Equal("AccessDenied", wrong.ErrorCode);
        Assert.NotNull(with.Credentials.AccessKeyId);
    }

    [Theory]
    [InlineData("arn:aws:iam::222222222222:role/x", "s", null, "roleSessionName")]
    [InlineData("arn:aws:iam::222222222222:role/x", "exporter", 899, "durationSeconds")]
    [InlineData("arn:aws:iam::222222222222:role/x", "exporter", 43201, "durationSeconds")]
    [InlineData("arn:aws:iam::22222222222:role/x", "exporter", null, "roleArn")]
    [InlineData("arn:aws:iam::222222222222:user/x", "exporter", null, "roleArn")]
    public async Task AssumeRole_InvalidParameters_ValidationError(string roleArn, string sessionName, int? duration, string parameter)
    {
        await using var sim = await SimulatorHarness.StartAsync(TwoAccounts());
        using var sts = sim.StsWith();

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName, DurationSeconds = duration }));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains($"at '{parameter}'", error.Message);
    }

    [Fact]
    public async Task IssuedCredentials_ExpireInRealTime_ThenEc2SaysExpiredToken_AndTheSdksRefreshingCredentialsRenewThem()
    {
        await using var sim = await SimulatorHarness.StartAsync(TwoAccounts(o => o.CredentialLifetime = TimeSpan.FromSeconds(2)));
        using var sts = sim.StsWith();
        var fixedCredentials = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = OtherRole, RoleSessionName = "fixed", DurationSeconds = 3600 })).Credentials;
        using var fixedEc2 = sim.Ec2With(new SessionAWSCredentials(fixedCredentials.AccessKeyId, fixedCredentials.SecretAccessKey, fixedCredentials.SessionToken));
        using var refreshing = new AssumedRoleCredentials(sim.StsWith(), OtherRole);
        using var refreshingEc2 = sim.Ec2With(refreshing);

        var beforeExpiry = await fixedEc2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        await refreshingEc2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        await refreshingEc2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        var renewalsBeforeExpiry = refreshing.Renewals;
        var wait = fixedCredentials.Expiration!.Value.ToUniversalTime() - DateTime.UtcNow;
        Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        await Task.Delay(wait + TimeSpan.FromMilliseconds(1100));
        var expired = await Assert.ThrowsAsync<AmazonEC2Exception>(() => fixedEc2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest()));
        var renewed = await refreshingEc2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        var truth = await sim.TruthAsync(account: Other);

        Assert.Equal(2, beforeExpiry.ClientVpnEndpoints.Count);
        Assert.True(renewalsBeforeExpiry >= 1);
        Assert.Equal("ExpiredToken", expired.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal("The security token included in the request is expired", expired.Message);
        Assert.Equal(truth.Endpoints.Select(e => e.EndpointId), renewed.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
        // The SDK renews credentials about to expire, so with a 2-second lifetime it may renew at every call.
        Assert.True(refreshing.Renewals > renewalsBeforeExpiry);
        Assert.Equal(1 + refreshing.Renewals, truth.RequestsByAccount[Other]["AssumeRole"]);
        Assert.Equal(5, truth.RequestsByAccount[Other]["DescribeClientVpnEndpoints"]);
    }

    [Fact]
    public async Task RequestsByAccount_CountEachRequestInTheAccountItActsIn()
    {
        await using var sim = await SimulatorHarness.StartAsync(TwoAccounts());
        using var sts = sim.StsWith();
        var assumed = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = OtherRole, RoleSessionName = "exporter" })).Credentials;
        using var otherEc2 = sim.Ec2With(new SessionAWSCredentials(assumed.AccessKeyId, assumed.SecretAccessKey, assumed.SessionToken));
        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        await sim.EndpointsAsync();
        var otherEndpoint = (await otherEc2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest())).ClientVpnEndpoints[0];
        await SimulatorHarness.ConnectionsAsync(otherEc2, otherEndpoint.ClientVpnEndpointId);

        var truth = await sim.TruthAsync();
        var otherOnly = await sim.TruthAsync(account: Other);

        Assert.Equal(
            ActionCounts.Of(("DescribeClientVpnEndpoints", 1), ("GetCallerIdentity", 1)),
            truth.RequestsByAccount[Own]);
        Assert.Equal(
            ActionCounts.Of(("AssumeRole", 1), ("DescribeClientVpnConnections", 1), ("DescribeClientVpnEndpoints", 1)),
            truth.RequestsByAccount[Other]);
        Assert.Equal(
            ActionCounts.Of(("AssumeRole", 1), ("DescribeClientVpnConnections", 1), ("DescribeClientVpnEndpoints", 2), ("GetCallerIdentity", 1)),
            truth.Requests);
        Assert.Equal([Other], otherOnly.RequestsByAccount.Keys);
    }

    [Fact]
    public async Task Truth_ForOneAccount_ListsOnlyItsEndpoints_AndAnUnknownAccountIs404()
    {
        await using var sim = await SimulatorHarness.StartAsync(TwoAccounts());

        var all = await sim.TruthAsync();
        var own = await sim.TruthAsync(account: Own);
        using var unknown = await sim.Http.GetAsync("sim/truth?account=333333333333");

        Assert.Equal([Own, Own, Other, Other], all.Endpoints.Select(e => e.AccountId));
        Assert.Equal(all.Endpoints.Take(2).Select(e => e.EndpointId), own.Endpoints.Select(e => e.EndpointId));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("333333333333", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fleets_DependOnTheSeedAndTheAccount_AndTheOwnAccountKeepsTheOneAccountFleet()
    {
        await using var single = await SimulatorHarness.StartAsync(TwoAccounts(o => o.Accounts = [Own]));
        await using var two = await SimulatorHarness.StartAsync(TwoAccounts());
        await using var reordered = await SimulatorHarness.StartAsync(TwoAccounts(o => o.Accounts = ["333333333333", Other]));

        var singleIds = (await single.TruthAsync()).Endpoints.Select(e => e.EndpointId);
        var twoTruth = await two.TruthAsync();
        var reorderedOther = (await reordered.TruthAsync(account: Other)).Endpoints;

        Assert.Equal(singleIds, twoTruth.Endpoints.Where(e => e.AccountId == Own).Select(e => e.EndpointId));
        Assert.Equal(
            JsonSerializer.Serialize(twoTruth.Endpoints.Where(e => e.AccountId == Other)),
            JsonSerializer.Serialize(reorderedOther));
    }

    [Fact]
    public async Task CreateEndpoint_InAnotherAccount_AddsItThere()
    {
        await using var sim = await SimulatorHarness.StartAsync(TwoAccounts());

        using var response = await sim.Http.PostAsync($"sim/endpoints?account={Other}", null);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endpointId").GetString();
        using var unknown = await sim.Http.PostAsync("sim/endpoints?account=333333333333", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(id, (await sim.TruthAsync(account: Other)).Endpoints[^1].EndpointId);
        Assert.Equal(2, (await sim.EndpointsAsync()).Count);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task StsFaultsAndDenials_TargetTheRolesAccount_InStsTerms()
    {
        await using var sim = await SimulatorHarness.StartAsync(TwoAccounts(o => o.Accounts = [Own, Other, "333333333333"]));
        using var sts = sim.StsWith();
        await sim.PutAsync("sim/faults", $$"""{"rules":[{"action":"AssumeRole","accountId":"{{Other}}","throttleRate":1}]}""");
        await sim.PutAsync("sim/permissions", """{"deny":[{"accountId":"333333333333","action":"AssumeRole"}]}""");

        var throttled = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = OtherRole, RoleSessionName = "exporter" }));
        var denied = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::333333333333:role/r", RoleSessionName = "exporter" }));
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal(("Throttling", HttpStatusCode.BadRequest), (throttled.ErrorCode, throttled.StatusCode));
        Assert.Equal(("AccessDenied", HttpStatusCode.Forbidden), (denied.ErrorCode, denied.StatusCode));
        Assert.Contains("sts:AssumeRole on resource: arn:aws:iam::333333333333:role/r", denied.Message);
        Assert.Equal(Own, identity.Account);
        Assert.Equal(1, (await sim.TruthAsync()).Faults["throttle"]);
    }
}
