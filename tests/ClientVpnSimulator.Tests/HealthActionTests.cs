using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

/// <summary>The endpoint-health reads through the real EC2 SDK, raw JSON 1.1 and Query requests, compared with ground truth.</summary>
public sealed class HealthActionTests
{
    private static readonly XNamespace Iam = "https://iam.amazonaws.com/doc/2010-05-08/";

    private static SimulatorOptions Fleet() => SimulatorHarness.Options(o => o.Endpoints = 6);

    [Fact]
    public async Task HealthListings_PagedFiveAtATimeByTheSdk_EqualGroundTruth()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var truth = await sim.TruthAsync();
        var paged = 0;

        foreach (var endpoint in truth.Endpoints)
        {
            var (networks, networkPages) = await TargetNetworksAsync(sim.Ec2, endpoint.EndpointId);
            var (rules, rulePages) = await RulesAsync(sim.Ec2, endpoint.EndpointId);
            var (routes, routePages) = await RoutesAsync(sim.Ec2, endpoint.EndpointId);
            paged += (networkPages > 1 ? 1 : 0) + (rulePages > 1 ? 1 : 0) + (routePages > 1 ? 1 : 0);

            Assert.Equal(
                endpoint.Health.TargetNetworks.Select(t => (t.AssociationId, t.SubnetId, t.Status)),
                networks.Select(n => (n.AssociationId, n.TargetNetworkId, n.Status.Code.Value)));
            Assert.All(networks, n => Assert.Equal(endpoint.EndpointId, n.ClientVpnEndpointId));
            Assert.All(networks, n => Assert.NotEmpty(n.SecurityGroups));
            Assert.Single(networks.Select(n => n.VpcId).Distinct());
            Assert.Equal(endpoint.Health.AuthorizationRules.Select(r => (r.DestinationCidr, r.Target, r.Status)), rules.Select(r => (r.DestinationCidr, (string?)r.GroupId, r.Status.Code.Value)));
            Assert.All(rules, r => Assert.Equal(r.GroupId is null, r.AccessAll));
            Assert.Equal(endpoint.Health.Routes.Select(r => (r.DestinationCidr, r.Target, r.Status)), routes.Select(r => (r.DestinationCidr, (string?)r.TargetSubnet, r.Status.Code.Value)));
            Assert.All(routes, r => Assert.Contains(r.Origin, new[] { "associate", "add-route" }));
            Assert.Equal(endpoint.Health.TargetNetworks.Count, routes.Count(r => r.Origin == "associate"));
            Assert.InRange(endpoint.Health.TargetNetworks.Count, 1, 5);
            Assert.Equal(QuotaOf(endpoint.Health.TargetNetworks.Count), endpoint.Health.ConnectionQuota);
            Assert.Equal(65_536, endpoint.Health.ClientCidrAddresses);
        }

        Assert.True(paged >= 3, "some listings must come in more than one page of 5");
    }

    [Fact]
    public async Task Filters_OfEachListing_SelectWhatTheyName()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var endpoint = (await sim.TruthAsync()).Endpoints[3];
        var second = endpoint.Health.TargetNetworks[1];
        var vpc = (await sim.EndpointsAsync())[3].VpcId;

        var bySubnet = await sim.Ec2.DescribeClientVpnTargetNetworksAsync(new DescribeClientVpnTargetNetworksRequest
        {
            ClientVpnEndpointId = endpoint.EndpointId, Filters = [new Filter("target-network-id", [second.SubnetId])],
        });
        var byId = await sim.Ec2.DescribeClientVpnTargetNetworksAsync(new DescribeClientVpnTargetNetworksRequest
        {
            ClientVpnEndpointId = endpoint.EndpointId, AssociationIds = [second.AssociationId],
        });
        var byVpc = await sim.Ec2.DescribeClientVpnTargetNetworksAsync(new DescribeClientVpnTargetNetworksRequest
        {
            ClientVpnEndpointId = endpoint.EndpointId, Filters = [new Filter("vpc-id", [vpc])],
        });
        var added = await sim.Ec2.DescribeClientVpnRoutesAsync(new DescribeClientVpnRoutesRequest
        {
            ClientVpnEndpointId = endpoint.EndpointId, Filters = [new Filter("origin", ["add-route"])],
        });
        var everyone = await sim.Ec2.DescribeClientVpnAuthorizationRulesAsync(new DescribeClientVpnAuthorizationRulesRequest
        {
            ClientVpnEndpointId = endpoint.EndpointId, Filters = [new Filter("destination-cidr", [endpoint.Health.AuthorizationRules[0].DestinationCidr])],
        });
        var unknown = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnRoutesAsync(new DescribeClientVpnRoutesRequest
        {
            ClientVpnEndpointId = endpoint.EndpointId, Filters = [new Filter("status", ["active"])],
        }));

        Assert.Equal([second.AssociationId], bySubnet.ClientVpnTargetNetworks.Select(n => n.AssociationId));
        Assert.Equal([second.AssociationId], byId.ClientVpnTargetNetworks.Select(n => n.AssociationId));
        Assert.Equal(endpoint.Health.TargetNetworks.Count, byVpc.ClientVpnTargetNetworks.Count);
        Assert.Equal(endpoint.Health.Routes.Count - endpoint.Health.TargetNetworks.Count, added.Routes.Count);
        Assert.All(added.Routes, r => Assert.Equal("add-route", r.Origin));
        Assert.Equal(endpoint.Health.AuthorizationRules[0].DestinationCidr, Assert.Single(everyone.AuthorizationRules).DestinationCidr);
        Assert.Equal("InvalidParameterValue", unknown.ErrorCode);
    }

    [Fact]
    public async Task ExportedCrl_IsASignedX509CrlWithTheTruthsDatesAndSerials_OpensslReadsIt()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var endpoint = (await sim.TruthAsync()).Endpoints[0];
        var crl = endpoint.Health.RevocationList!;

        var export = await sim.Ec2.ExportClientVpnClientCertificateRevocationListAsync(
            new ExportClientVpnClientCertificateRevocationListRequest { ClientVpnEndpointId = endpoint.EndpointId });
        var again = await sim.Ec2.ExportClientVpnClientCertificateRevocationListAsync(
            new ExportClientVpnClientCertificateRevocationListRequest { ClientVpnEndpointId = endpoint.EndpointId });
        var parsed = RevocationListReader.Read(export.CertificateRevocationList);

        Assert.Equal("active", export.Status.Code.Value);
        Assert.Equal(crl.ThisUpdate, parsed.ThisUpdate.UtcDateTime);
        Assert.Equal(crl.NextUpdate, parsed.NextUpdate!.Value.UtcDateTime);
        Assert.Equal(crl.RevokedSerials, parsed.Serials);
        Assert.InRange(crl.RevokedCount, 2, 15);
        Assert.Equal("CN=prod-vpn-1 client root CA", parsed.Issuer);
        Assert.Equal(export.CertificateRevocationList, again.CertificateRevocationList);
        var text = Openssl(export.CertificateRevocationList);
        Assert.Contains("Signature Algorithm: ecdsa-with-SHA256", text);
        Assert.Equal(crl.RevokedCount, text.Split("Serial Number:").Length - 1);
    }

    [Fact]
    public async Task Crl_SetThroughControl_IsExportedAsChosen_AndDeletedOrAbsentCrlExportsNone()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var truth = await sim.TruthAsync();
        var withCrl = truth.Endpoints[0].EndpointId;
        var without = truth.Endpoints[3].EndpointId;
        var past = SimulatorHarness.DefaultStart.AddHours(-6);

        var (status, body) = await sim.SendJsonAsync(HttpMethod.Put, $"sim/endpoints/{withCrl}/crl",
            $$"""{"nextUpdate":"{{past:O}}","revokedSerials":["0a:1b","ff01","7"],"status":"pending"}""");
        var export = await sim.Ec2.ExportClientVpnClientCertificateRevocationListAsync(new() { ClientVpnEndpointId = withCrl });
        var parsed = RevocationListReader.Read(export.CertificateRevocationList);
        var changed = (await sim.TruthAsync()).Endpoints[0].Health.RevocationList!;
        var none = await sim.Ec2.ExportClientVpnClientCertificateRevocationListAsync(new() { ClientVpnEndpointId = without });
        using var deleted = await sim.Http.DeleteAsync($"sim/endpoints/{withCrl}/crl");
        var afterDelete = await sim.Ec2.ExportClientVpnClientCertificateRevocationListAsync(new() { ClientVpnEndpointId = withCrl });
        var (invalid, problem) = await sim.SendJsonAsync(HttpMethod.Put, $"sim/endpoints/{withCrl}/crl", """{"nextUpdate":"2026-03-01T00:00:00Z","thisUpdate":"2026-03-02T00:00:00Z"}""");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(string.Empty, body);
        Assert.Equal("pending", export.Status.Code.Value);
        Assert.Equal(past, parsed.NextUpdate);
        Assert.Equal(past.AddDays(-30), parsed.ThisUpdate);
        Assert.Equal(["0a1b", "00ff01", "07"], parsed.Serials);
        Assert.Equal((2L, 3, "pending"), (changed.Number, changed.RevokedCount, changed.Status));
        Assert.Null(none.CertificateRevocationList);
        Assert.Null(none.Status);
        Assert.Null((await sim.TruthAsync()).Endpoints[3].Health.RevocationList);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(afterDelete.CertificateRevocationList);
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Contains("thisUpdate must be before nextUpdate", problem);
    }

    [Fact]
    public async Task Associations_ChangedAddedAndRemovedThroughControl_ShowInTheApiAndTruth_LastRemovedLeavesNone()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var endpoint = (await sim.TruthAsync()).Endpoints[1];
        var only = Assert.Single(endpoint.Health.TargetNetworks);

        var (failed, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpoint.EndpointId}/associations/{only.AssociationId}/status", """{"code":"association-failed","message":"Subnet is full"}""");
        var failedView = (await TargetNetworksAsync(sim.Ec2, endpoint.EndpointId)).Items.Single();
        var failedTruth = (await sim.TruthAsync()).Endpoints[1].Health;
        var (created, createdBody) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpoint.EndpointId}/associations", "");
        var afterAdd = (await sim.TruthAsync()).Endpoints[1].Health;
        using var removedFirst = await sim.Http.DeleteAsync($"sim/endpoints/{endpoint.EndpointId}/associations/{only.AssociationId}");
        var addedId = JsonDocument.Parse(createdBody).RootElement.GetProperty("associationId").GetString();
        using var removedLast = await sim.Http.DeleteAsync($"sim/endpoints/{endpoint.EndpointId}/associations/{addedId}");
        var (networks, _) = await TargetNetworksAsync(sim.Ec2, endpoint.EndpointId);
        var routes = (await RoutesAsync(sim.Ec2, endpoint.EndpointId)).Items;
        var empty = (await sim.TruthAsync()).Endpoints[1].Health;
        using var again = await sim.Http.DeleteAsync($"sim/endpoints/{endpoint.EndpointId}/associations/{addedId}");
        var (bad, badBody) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpoint.EndpointId}/associations/{addedId}/status", """{"code":"broken"}""");

        Assert.Equal(HttpStatusCode.NoContent, failed);
        Assert.Equal(("association-failed", "Subnet is full"), (failedView.Status.Code.Value, failedView.Status.Message));
        Assert.Equal(0, failedTruth.ConnectionQuota);
        Assert.Equal(new Dictionary<string, int> { ["association-failed"] = 1 }, failedTruth.TargetNetworksByStatus);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal((7_000, 2), (afterAdd.ConnectionQuota, afterAdd.TargetNetworks.Count));
        Assert.Equal(HttpStatusCode.NoContent, removedFirst.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removedLast.StatusCode);
        Assert.Empty(networks);
        Assert.DoesNotContain(routes, r => r.Origin == "associate");
        Assert.Equal((0, 0), (empty.TargetNetworks.Count, empty.ConnectionQuota));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("code must be one of associating, associated, association-failed", badBody);
    }

    [Fact]
    public async Task RuleAndRouteFailures_AndClientConnectState_SetThroughControl_ShowInTheApiAndTruth()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var endpointId = (await sim.TruthAsync()).Endpoints[2].EndpointId;

        var (rule, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpointId}/authorization-rules/1/status", """{"code":"failed","message":"Group not found"}""");
        var (route, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpointId}/routes/0/status", """{"code":"failed"}""");
        var (handler, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpointId}/client-connect", """{"code":"applying"}""");
        var (outOfRange, _) = await sim.SendJsonAsync(HttpMethod.Post, $"sim/endpoints/{endpointId}/routes/99/status", """{"code":"failed"}""");
        var rules = (await RulesAsync(sim.Ec2, endpointId)).Items;
        var routes = (await RoutesAsync(sim.Ec2, endpointId)).Items;
        var endpoint = (await sim.EndpointsAsync())[2];
        var health = (await sim.TruthAsync()).Endpoints[2].Health;

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NotFound), (rule, route, handler, outOfRange));
        Assert.Equal(("failed", "Group not found"), (rules[1].Status.Code.Value, rules[1].Status.Message));
        Assert.Equal(["active"], rules.Where((_, i) => i != 1).Select(r => r.Status.Code.Value).Distinct());
        Assert.Equal("failed", routes[0].Status.Code.Value);
        Assert.Equal(1, health.AuthorizationRulesByStatus["failed"]);
        Assert.Equal(1, health.RoutesByStatus["failed"]);
        Assert.Equal("applying", endpoint.ClientConnectOptions.Status.Code.Value);
        Assert.True(endpoint.ClientConnectOptions.Enabled);
        Assert.Equal((true, endpoint.ClientConnectOptions.LambdaFunctionArn, "applying"), (health.ClientConnect.Enabled, health.ClientConnect.LambdaFunctionArn, health.ClientConnect.Status));
    }

    [Fact]
    public async Task NewEc2Actions_UnknownEndpointDryRunDenialAndThrottling_AreAwsShaped()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var endpointId = await sim.FirstEndpointIdAsync();
        const string Missing = "cvpn-endpoint-0123456789abcdef0";
        var calls = new (string Action, Func<string, bool, Task> Call)[]
        {
            ("DescribeClientVpnTargetNetworks", (id, dry) => sim.Ec2.DescribeClientVpnTargetNetworksAsync(new() { ClientVpnEndpointId = id, DryRun = dry })),
            ("DescribeClientVpnAuthorizationRules", (id, dry) => sim.Ec2.DescribeClientVpnAuthorizationRulesAsync(new() { ClientVpnEndpointId = id, DryRun = dry })),
            ("DescribeClientVpnRoutes", (id, dry) => sim.Ec2.DescribeClientVpnRoutesAsync(new() { ClientVpnEndpointId = id, DryRun = dry })),
            ("ExportClientVpnClientCertificateRevocationList", (id, dry) => sim.Ec2.ExportClientVpnClientCertificateRevocationListAsync(new() { ClientVpnEndpointId = id, DryRun = dry })),
        };

        foreach (var (action, call) in calls)
        {
            var notFound = await Assert.ThrowsAsync<AmazonEC2Exception>(() => call(Missing, false));
            var dryRun = await Assert.ThrowsAsync<AmazonEC2Exception>(() => call(endpointId, true));
            await sim.PutAsync("sim/permissions", $$"""{"deny":[{"action":"ec2:{{action}}"}]}""");
            var denied = await Assert.ThrowsAsync<AmazonEC2Exception>(() => call(endpointId, false));
            var deniedDryRun = await Assert.ThrowsAsync<AmazonEC2Exception>(() => call(endpointId, true));
            await sim.PutAsync("sim/permissions", """{"deny":[]}""");
            await sim.PutAsync("sim/faults", $$"""{"rules":[{"action":"{{action}}","throttleRate":1}]}""");
            var throttled = await Assert.ThrowsAsync<AmazonEC2Exception>(() => call(endpointId, false));
            await sim.PutAsync("sim/faults", $$"""{"rules":[{"endpointId":"{{endpointId}}","endpointNotFound":true}]}""");
            var vanished = await Assert.ThrowsAsync<AmazonEC2Exception>(() => call(endpointId, false));
            await sim.PutAsync("sim/faults", """{"rules":[]}""");
            await call(endpointId, false);

            Assert.Equal(("InvalidClientVpnEndpointId.NotFound", HttpStatusCode.BadRequest), (notFound.ErrorCode, notFound.StatusCode));
            Assert.Equal(("DryRunOperation", HttpStatusCode.PreconditionFailed), (dryRun.ErrorCode, dryRun.StatusCode));
            Assert.Equal(("UnauthorizedOperation", "UnauthorizedOperation"), (denied.ErrorCode, deniedDryRun.ErrorCode));
            Assert.Equal(("RequestLimitExceeded", HttpStatusCode.ServiceUnavailable), (throttled.ErrorCode, throttled.StatusCode));
            Assert.Equal("InvalidClientVpnEndpointId.NotFound", vanished.ErrorCode);
        }

        var truth = await sim.TruthAsync();
        Assert.All(calls, c => Assert.Equal(7, truth.Requests[c.Action]));
        Assert.Equal(4, truth.Faults["endpointNotFound"]);
    }

    [Fact]
    public async Task AcmDescribeCertificate_OverJson11_EqualsTruth_ExpiresOnTheClock_AndErrorsAreJson()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var truth = await sim.TruthAsync();
        var expiring = truth.Endpoints[1].Health.ServerCertificate;

        var (status, contentType, body) = await AcmAsync(sim, new { CertificateArn = expiring.Arn });
        var certificate = body.GetProperty("Certificate");
        await sim.AdvanceAsync((4 * 86_400) + (6 * 3600));
        var (_, _, expired) = await AcmAsync(sim, new { CertificateArn = expiring.Arn });
        var (revokedStatus, _) = await sim.SendJsonAsync(HttpMethod.Post, "sim/certificates",
            $$"""{"certificateArn":"{{truth.Endpoints[0].Health.ServerCertificate.Arn}}","status":"REVOKED","notAfter":"2030-01-01T00:00:00Z","type":"IMPORTED","renewalEligibility":"INELIGIBLE"}""");
        var changed = (await sim.TruthAsync()).Endpoints[0].Health.ServerCertificate;
        var missingArn = expiring.Arn[..^4] + "0000";
        var (notFoundStatus, _, notFound) = await AcmAsync(sim, new { CertificateArn = missingArn });
        var (invalidStatus, _, invalid) = await AcmAsync(sim, new { CertificateArn = "not-an-arn" });
        await sim.PutAsync("sim/permissions", """{"deny":[{"accountId":"111111111111","action":"acm:DescribeCertificate"}]}""");
        var (deniedStatus, _, denied) = await AcmAsync(sim, new { CertificateArn = expiring.Arn });
        await sim.PutAsync("sim/permissions", """{"deny":[]}""");
        await sim.PutAsync("sim/faults", """{"rules":[{"action":"DescribeCertificate","throttleRate":1}]}""");
        var (throttledStatus, _, throttled) = await AcmAsync(sim, new { CertificateArn = expiring.Arn });

        Assert.Equal((HttpStatusCode.OK, "application/x-amz-json-1.1"), (status, contentType));
        Assert.Equal(expiring.Arn, certificate.GetProperty("CertificateArn").GetString());
        Assert.Equal(new DateTimeOffset(expiring.NotAfter).ToUnixTimeSeconds(), certificate.GetProperty("NotAfter").GetDecimal());
        Assert.Equal(SimulatorHarness.DefaultStart.AddDays(4).AddHours(6).ToUnixTimeSeconds(), certificate.GetProperty("NotAfter").GetInt64());
        Assert.Equal(("ISSUED", "IMPORTED", "INELIGIBLE"), (certificate.GetProperty("Status").GetString(), certificate.GetProperty("Type").GetString(), certificate.GetProperty("RenewalEligibility").GetString()));
        Assert.Equal(JsonValueKind.Number, certificate.GetProperty("NotBefore").ValueKind);
        Assert.Equal("EXPIRED", expired.GetProperty("Certificate").GetProperty("Status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, revokedStatus);
        Assert.Equal(("REVOKED", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), "IMPORTED", "INELIGIBLE"), (changed.Status, changed.NotAfter, changed.Type, changed.RenewalEligibility));
        Assert.Equal((HttpStatusCode.BadRequest, "ResourceNotFoundException"), (notFoundStatus, notFound.GetProperty("__type").GetString()));
        Assert.Equal($"Could not find certificate {missingArn}.", notFound.GetProperty("message").GetString());
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidArnException"), (invalidStatus, invalid.GetProperty("__type").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "AccessDeniedException"), (deniedStatus, denied.GetProperty("__type").GetString()));
        Assert.StartsWith("User: arn:aws:iam::111111111111:user/clientvpn-simulator is not authorized to perform: acm:DescribeCertificate", denied.GetProperty("Message").GetString());
        Assert.Equal((HttpStatusCode.BadRequest, "ThrottlingException"), (throttledStatus, throttled.GetProperty("__type").GetString()));
        Assert.Equal(6, (await sim.TruthAsync()).Requests["DescribeCertificate"]);
    }

    [Fact]
    public async Task IamGetSamlProvider_OverQuery_EqualsTruth_ChangedThroughControl_AndErrorsAreIamShaped()
    {
        await using var sim = await SimulatorHarness.StartAsync(Fleet());
        var provider = (await sim.TruthAsync()).Endpoints[2].Health.SamlProvider!;

        var (status, body) = await IamAsync(sim, provider.Arn);
        var (changed, _) = await sim.SendJsonAsync(HttpMethod.Post, "sim/saml-providers", $$"""{"samlProviderArn":"{{provider.Arn}}","validUntil":"2026-03-03T00:00:00Z"}""");
        var (_, after) = await IamAsync(sim, provider.Arn);
        var (missingStatus, missing) = await IamAsync(sim, provider.Arn + "-gone");
        await sim.PutAsync("sim/permissions", """{"deny":[{"action":"iam:GetSAMLProvider"}]}""");
        var (deniedStatus, denied) = await IamAsync(sim, provider.Arn);

        var result = body.Root!.Element(Iam + "GetSAMLProviderResult")!;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Iam + "GetSAMLProviderResponse", body.Root.Name);
        Assert.Equal(provider.ValidUntil, DateTime.Parse(result.Element(Iam + "ValidUntil")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        Assert.NotNull(result.Element(Iam + "CreateDate"));
        Assert.Equal(HttpStatusCode.NoContent, changed);
        Assert.Equal("2026-03-03T00:00:00Z", after.Root!.Element(Iam + "GetSAMLProviderResult")!.Element(Iam + "ValidUntil")!.Value);
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchEntity"), (missingStatus, missing.Root!.Element(Iam + "Error")!.Element(Iam + "Code")!.Value));
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), (deniedStatus, denied.Root!.Element(Iam + "Error")!.Element(Iam + "Code")!.Value));
        Assert.Equal(new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc), (await sim.TruthAsync()).Endpoints[2].Health.SamlProvider!.ValidUntil);
    }

    [Fact]
    public async Task Json11_UnknownTargetOrActionOrBody_IsAnswered_InJson()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var unknownService = await SendJsonAsync(sim, "Nobody_20200101.Anything", "{}");
        var unknownAction = await SendJsonAsync(sim, "CertificateManager.DescribeClientVpnEndpoints", "{}");
        var notAnObject = await SendJsonAsync(sim, "CertificateManager.DescribeCertificate", "[1]");
        var missing = await SendJsonAsync(sim, "CertificateManager.DescribeCertificate", "{}");

        Assert.Equal("UnknownOperationException", unknownService.Body.GetProperty("__type").GetString());
        Assert.Equal("UnknownOperationException", unknownAction.Body.GetProperty("__type").GetString());
        Assert.Equal("SerializationException", notAnObject.Body.GetProperty("__type").GetString());
        Assert.Equal("ValidationException", missing.Body.GetProperty("__type").GetString());
        Assert.All(new[] { unknownService, unknownAction, notAnObject, missing }, r => Assert.Equal(HttpStatusCode.BadRequest, r.Status));
    }

    [Fact]
    public async Task DemoFleet_SecondEndpointsServerCertificateExpiresInAFewDays_OthersLastMonths()
    {
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o =>
        {
            o.Endpoints = 3;
            o.Seed = 42;
        }));
        var endpoints = (await sim.TruthAsync()).Endpoints;
        var now = SimulatorHarness.DefaultStart.UtcDateTime;

        Assert.Equal(now.AddDays(4).AddHours(6), endpoints[1].Health.ServerCertificate.NotAfter);
        Assert.All(new[] { endpoints[0], endpoints[2] }, e => Assert.True(e.Health.ServerCertificate.NotAfter > now.AddDays(89)));
        Assert.NotNull(endpoints[0].Health.ClientRootCertificate);
        Assert.NotNull(endpoints[0].Health.RevocationList);
        Assert.NotNull(endpoints[2].Health.SamlProvider);
        Assert.NotNull(endpoints[2].Health.SelfServiceSamlProvider);
        Assert.Equal(["associated"], endpoints.SelectMany(e => e.Health.TargetNetworks).Select(t => t.Status).Distinct());
        Assert.Equal([36_500, 7_000, 66_500], endpoints.Select(e => e.Health.ConnectionQuota));
    }

    private static int QuotaOf(int subnets) => subnets switch { 1 => 7_000, 2 => 36_500, 3 => 66_500, 4 => 96_500, _ => 126_000 };

    private static async Task<(List<TargetNetwork> Items, int Pages)> TargetNetworksAsync(AmazonEC2Client ec2, string endpointId)
    {
        var (items, pages, token) = (new List<TargetNetwork>(), 0, (string?)null);
        do
        {
            var page = await ec2.DescribeClientVpnTargetNetworksAsync(new() { ClientVpnEndpointId = endpointId, MaxResults = 5, NextToken = token });
            (pages, token) = (pages + 1, page.NextToken);
            items.AddRange(page.ClientVpnTargetNetworks ?? []);
        }
        while (token is not null);
        return (items, pages);
    }

    private static async Task<(List<AuthorizationRule> Items, int Pages)> RulesAsync(AmazonEC2Client ec2, string endpointId)
    {
        var (items, pages, token) = (new List<AuthorizationRule>(), 0, (string?)null);
        do
        {
            var page = await ec2.DescribeClientVpnAuthorizationRulesAsync(new() { ClientVpnEndpointId = endpointId, MaxResults = 5, NextToken = token });
            (pages, token) = (pages + 1, page.NextToken);
            items.AddRange(page.AuthorizationRules ?? []);
        }
        while (token is not null);
        return (items, pages);
    }

    private static async Task<(List<ClientVpnRoute> Items, int Pages)> RoutesAsync(AmazonEC2Client ec2, string endpointId)
    {
        var (items, pages, token) = (new List<ClientVpnRoute>(), 0, (string?)null);
        do
        {
            var page = await ec2.DescribeClientVpnRoutesAsync(new() { ClientVpnEndpointId = endpointId, MaxResults = 5, NextToken = token });
            (pages, token) = (pages + 1, page.NextToken);
            items.AddRange(page.Routes ?? []);
        }
        while (token is not null);
        return (items, pages);
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, JsonElement Body)> AcmAsync(SimulatorHarness sim, object body)
    {
        var (status, contentType, json) = await SendJsonAsync(sim, "CertificateManager.DescribeCertificate", JsonSerializer.Serialize(body));
        return (status, contentType, json);
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, JsonElement Body)> SendJsonAsync(SimulatorHarness sim, string target, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, string.Empty) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIASIMULATORTESTS00/20260301/us-east-1/acm/aws4_request, SignedHeaders=host, Signature=00");
        using var response = await sim.Http.SendAsync(request);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<(HttpStatusCode Status, XDocument Body)> IamAsync(SimulatorHarness sim, string arn) =>
        await sim.PostQueryAsync(("Action", "GetSAMLProvider"), ("Version", "2010-05-08"), ("SAMLProviderArn", arn));

    private static string Openssl(string pem)
    {
        var start = new ProcessStartInfo("openssl", ["crl", "-noout", "-text"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(pem);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(30_000);
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output;
    }
}
