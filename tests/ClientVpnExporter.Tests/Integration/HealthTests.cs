using System.Net.Http.Json;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>
/// The health loop through the real AWS SDK (EC2) and the signed ACM and IAM clients, over loopback HTTP to the
/// simulator: each family equals the simulator's ground truth, and each failure mode (denied, throttled, missing CRL,
/// endpoint deleted) keeps the rest working.
/// </summary>
public class HealthTests
{
    private static readonly string[] TargetNetworkStatuses = ["associating", "associated", "association-failed", "disassociating", "disassociated"];
    private static readonly string[] RuleStatuses = ["authorizing", "active", "failed", "revoking"];
    private static readonly string[] RouteStatuses = ["creating", "active", "failed", "deleting"];

    [Fact]
    public async Task HealthCycle_EveryKindOfEndpoint_EachFamilyEqualsTheSimulatorsTruth()
    {
        await using var harness = await StartAsync();
        var started = DateTimeOffset.UtcNow;

        await harness.HealthAsync();

        var samples = await harness.ScrapeAsync();
        var truth = await harness.TruthAsync();
        Assert.Equal(3, truth.Endpoints.Count);
        foreach (var endpoint in truth.Endpoints)
        {
            AssertMatches(endpoint.EndpointId, endpoint.Health!, samples);
            var resources = samples.Where(s => s.Name == "clientvpn_endpoint_health_last_success_timestamp_seconds" && s.Label("endpoint_id") == endpoint.EndpointId).ToList();
            Assert.All(resources, s => Assert.InRange(s.Value, started.ToUnixTimeSeconds() - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1));
            Assert.Contains(resources, s => s.Label("resource") == "target_networks");
        }

        // One endpoint of each kind: the CRL and client root belong to certificate authentication, SAML to federated.
        Assert.Contains(samples, s => s.Name == "clientvpn_endpoint_crl_next_update_timestamp_seconds");
        Assert.Contains(samples, s => s.Name == "clientvpn_endpoint_saml_provider_expiry_timestamp_seconds" && s.Label("provider") == "self_service_saml");
        Assert.Contains(samples, s => s.Name == "clientvpn_endpoint_certificate_expiry_timestamp_seconds" && s.Label("certificate") == "client_root");
        var (exitCode, output) = await Promtool.CheckMetricsAsync(await harness.ScrapeTextAsync());
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task HealthCycle_SimulatorChangesWhatMatters_ShownAfterTheNextCycleWithoutAPoll()
    {
        await using var harness = await StartAsync();
        await harness.HealthAsync();
        var endpoint = (await harness.TruthAsync()).Endpoints.First(e => e.Health!.RevocationList is not null);
        var id = endpoint.EndpointId;
        var now = (await harness.TruthAsync()).Now;

        await Send(harness.SimulatorHttp.PostAsJsonAsync("/sim/certificates", new { certificateArn = endpoint.Health!.ServerCertificate.Arn, notAfter = now.AddDays(3), status = "REVOKED" }));
        await Send(harness.SimulatorHttp.PutAsJsonAsync($"/sim/endpoints/{id}/crl", new { nextUpdate = now.AddHours(-1), revokedSerials = new[] { "0a", "0b", "0c" } }));
        foreach (var association in endpoint.Health.TargetNetworks)
        {
            await Send(harness.SimulatorHttp.DeleteAsync($"/sim/endpoints/{id}/associations/{association.AssociationId}"));
        }

        await Send(harness.SimulatorHttp.PostAsJsonAsync($"/sim/endpoints/{id}/authorization-rules/0/status", new { code = "failed" }));
        await Send(harness.SimulatorHttp.PostAsJsonAsync($"/sim/endpoints/{id}/routes/0/status", new { code = "failed" }));
        var sequence = harness.Poller.CompletedPolls;

        await harness.HealthAsync();

        Assert.Equal(sequence, harness.Poller.CompletedPolls);
        var samples = await harness.ScrapeAsync();
        var changed = (await harness.TruthAsync()).Endpoints.Single(e => e.EndpointId == id).Health!;
        Assert.Equal(0, changed.ConnectionQuota);
        Assert.Equal(3, changed.RevocationList!.RevokedCount);
        AssertMatches(id, changed, samples);
        Assert.Equal(0, Value(samples, "clientvpn_endpoint_target_networks", id, ("status", "associated")));
        Assert.Equal(1, Value(samples, "clientvpn_endpoint_routes", id, ("status", "failed")));
    }

    [Fact]
    public async Task HealthCycle_AcmDenied_CertificatesLeftOutPermissionZeroLoggedOnceAndTheRestWorks()
    {
        var logs = new FakeLogCollector();
        await using var harness = await StartAsync(
            simulator => Send(simulator.PutAsJsonAsync("/sim/permissions", new { deny = new[] { new { action = "DescribeCertificate" } } })),
            logs);

        await harness.HealthAsync();
        await harness.HealthAsync();

        var samples = await harness.ScrapeAsync();
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("clientvpn_endpoint_certificate_", StringComparison.Ordinal));
        Assert.Equal(0, samples.Single(s => s.Name == "clientvpn_exporter_permission_ok" && s.Label("action") == "acm:DescribeCertificate").Value);
        Assert.Equal(1, samples.Single(s => s.Name == "clientvpn_exporter_permission_ok" && s.Label("action") == "iam:GetSAMLProvider").Value);
        Assert.True(samples.Single(s => s.Name == "clientvpn_exporter_api_requests_total" && s.Label("operation") == "DescribeCertificate" && s.Label("outcome") == "AccessDeniedException").Value > 0);
        Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("grant acm:DescribeCertificate", StringComparison.Ordinal));
        foreach (var endpoint in (await harness.TruthAsync()).Endpoints)
        {
            AssertMatches(endpoint.EndpointId, endpoint.Health!, samples, certificates: false);
        }
    }

    [Fact]
    public async Task HealthCycle_RoutesThrottled_KeepTheirLastValuesWhileTheRestMovesOn()
    {
        await using var harness = await StartAsync(extra: "--ClientVpn:ApiBudget:MaxRetries=1");
        await harness.HealthAsync();
        var before = await harness.ScrapeAsync();
        var id = (await harness.TruthAsync()).Endpoints[0].EndpointId;
        await Send(harness.SimulatorHttp.PostAsJsonAsync($"/sim/endpoints/{id}/routes/0/status", new { code = "failed" }));
        await Send(harness.SimulatorHttp.PostAsJsonAsync($"/sim/endpoints/{id}/authorization-rules/0/status", new { code = "failed" }));
        await harness.SetFaultsAsync(new { action = "DescribeClientVpnRoutes", throttleRate = 1.0 });
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        await harness.HealthAsync();

        var after = await harness.ScrapeAsync();
        Assert.Equal(Value(before, "clientvpn_endpoint_routes", id, ("status", "failed")), Value(after, "clientvpn_endpoint_routes", id, ("status", "failed")));
        Assert.Equal(0, Value(after, "clientvpn_endpoint_routes", id, ("status", "failed")));
        Assert.Equal(1, Value(after, "clientvpn_endpoint_authorization_rules", id, ("status", "failed")));
        Assert.Equal(LastSuccess(before, id, "routes"), LastSuccess(after, id, "routes"));
        Assert.True(LastSuccess(after, id, "authorization_rules") > LastSuccess(before, id, "authorization_rules"));
        Assert.True(after.Single(s => s.Name == "clientvpn_exporter_api_requests_total" && s.Label("operation") == "DescribeClientVpnRoutes" && s.Label("outcome") == "RequestLimitExceeded").Value > 0);
        Assert.True(after.Where(s => s.Name == "clientvpn_exporter_api_throttles_total" && s.Label("operation") == "DescribeClientVpnRoutes").Sum(s => s.Value) > 0);
    }

    [Fact]
    public async Task HealthCycle_CrlRemovedThenEndpointDeleted_NoCrlSeriesNotAnErrorAndTheOthersKeepWorking()
    {
        var logs = new FakeLogCollector();
        await using var harness = await StartAsync(logs: logs);
        await harness.HealthAsync();
        var truth = await harness.TruthAsync();
        var withCrl = truth.Endpoints.First(e => e.Health!.RevocationList is not null).EndpointId;
        var deleted = truth.Endpoints.First(e => e.EndpointId != withCrl).EndpointId;
        var before = await harness.ScrapeAsync();

        await Send(harness.SimulatorHttp.DeleteAsync($"/sim/endpoints/{withCrl}/crl"));
        await Send(harness.SimulatorHttp.DeleteAsync($"/sim/endpoints/{deleted}"));
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await harness.HealthAsync();

        var after = await harness.ScrapeAsync();
        Assert.DoesNotContain(after, s => s.Name.StartsWith("clientvpn_endpoint_crl_", StringComparison.Ordinal) && s.Label("endpoint_id") == withCrl);
        Assert.True(LastSuccess(after, withCrl, "crl") > LastSuccess(before, withCrl, "crl"));
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Message.Contains(withCrl, StringComparison.Ordinal));

        // The deleted endpoint keeps its last values, its reads going stale, until the poll takes it as gone.
        Assert.Equal(Value(before, "clientvpn_endpoint_connection_quota", deleted), Value(after, "clientvpn_endpoint_connection_quota", deleted));
        Assert.Equal(LastSuccess(before, deleted, "target_networks"), LastSuccess(after, deleted, "target_networks"));
        Assert.Contains(logs.GetSnapshot(), r => r.Message.Contains(deleted, StringComparison.Ordinal) && r.Message.Contains("InvalidClientVpnEndpointId.NotFound", StringComparison.Ordinal));
        foreach (var endpoint in (await harness.TruthAsync()).Endpoints.Where(e => e.EndpointId != deleted))
        {
            AssertMatches(endpoint.EndpointId, endpoint.Health!, after);
        }
    }

    [Fact]
    public async Task PermissionCheck_NewEc2Actions_CheckedWithDryRunAndADenialShown()
    {
        await using var harness = await StartAsync(simulator => Send(simulator.PutAsJsonAsync("/sim/permissions", new { deny = new[] { new { action = "DescribeClientVpnRoutes" } } })));

        var samples = await harness.ScrapeAsync();

        double Permission(string action) => samples.Single(s => s.Name == "clientvpn_exporter_permission_ok" && s.Label("action") == action).Value;
        Assert.Equal(1, Permission("ec2:DescribeClientVpnTargetNetworks"));
        Assert.Equal(1, Permission("ec2:DescribeClientVpnAuthorizationRules"));
        Assert.Equal(1, Permission("ec2:ExportClientVpnClientCertificateRevocationList"));
        Assert.Equal(0, Permission("ec2:DescribeClientVpnRoutes"));
        Assert.True(samples.Single(s => s.Name == "clientvpn_exporter_api_requests_total" && s.Label("operation") == "DescribeClientVpnTargetNetworks" && s.Label("outcome") == "DryRunOperation").Value > 0);
    }

    /// <summary>Every health family of <paramref name="id"/> against the simulator's truth of it.</summary>
    private static void AssertMatches(string id, HealthTruth truth, List<Sample> samples, bool certificates = true)
    {
        if (certificates)
        {
            foreach (var (certificate, expected) in new[] { ("server", truth.ServerCertificate), ("client_root", truth.ClientRootCertificate) })
            {
                if (expected is null)
                {
                    Assert.DoesNotContain(samples, s => s.Name == "clientvpn_endpoint_certificate_info" && s.Label("endpoint_id") == id && s.Label("certificate") == certificate);
                    continue;
                }

                Assert.Equal(expected.NotAfter.ToUnixTimeSeconds(), Value(samples, "clientvpn_endpoint_certificate_expiry_timestamp_seconds", id, ("certificate", certificate)));
                Assert.Equal(1, Value(
                    samples,
                    "clientvpn_endpoint_certificate_info",
                    id,
                    ("certificate", certificate),
                    ("certificate_arn", expected.Arn),
                    ("status", expected.Status.ToLowerInvariant()),
                    ("type", expected.Type.ToLowerInvariant()),
                    ("renewal_eligibility", expected.RenewalEligibility.ToLowerInvariant())));
            }
        }

        foreach (var (provider, expected) in new[] { ("saml", truth.SamlProvider), ("self_service_saml", truth.SelfServiceSamlProvider) })
        {
            if (expected is null)
            {
                Assert.DoesNotContain(samples, s => s.Name == "clientvpn_endpoint_saml_provider_expiry_timestamp_seconds" && s.Label("endpoint_id") == id && s.Label("provider") == provider);
            }
            else
            {
                Assert.Equal(expected.ValidUntil.ToUnixTimeSeconds(), Value(samples, "clientvpn_endpoint_saml_provider_expiry_timestamp_seconds", id, ("provider", provider)));
            }
        }

        if (truth.RevocationList is { } crl)
        {
            Assert.Equal(crl.NextUpdate.ToUnixTimeSeconds(), Value(samples, "clientvpn_endpoint_crl_next_update_timestamp_seconds", id));
            Assert.Equal(crl.ThisUpdate.ToUnixTimeSeconds(), Value(samples, "clientvpn_endpoint_crl_this_update_timestamp_seconds", id));
            Assert.Equal(crl.RevokedCount, Value(samples, "clientvpn_endpoint_crl_revoked_certificates", id));
            Assert.Equal(1, Value(samples, "clientvpn_endpoint_crl_info", id, ("status", crl.Status)));
        }
        else
        {
            Assert.DoesNotContain(samples, s => s.Name.StartsWith("clientvpn_endpoint_crl_", StringComparison.Ordinal) && s.Label("endpoint_id") == id);
        }

        foreach (var status in TargetNetworkStatuses)
        {
            Assert.Equal(truth.TargetNetworksByStatus.GetValueOrDefault(status), Value(samples, "clientvpn_endpoint_target_networks", id, ("status", status)));
        }

        Assert.Equal(
            truth.TargetNetworks.Select(n => (n.AssociationId, n.SubnetId, n.Status)).Order(),
            samples.Where(s => s.Name == "clientvpn_endpoint_target_network_info" && s.Label("endpoint_id") == id)
                .Select(s => (s.Label("association_id"), s.Label("subnet_id"), s.Label("status"))).Order());
        Assert.Equal(truth.ConnectionQuota, Value(samples, "clientvpn_endpoint_connection_quota", id));
        Assert.Equal(truth.ClientCidrAddresses, Value(samples, "clientvpn_endpoint_client_cidr_addresses", id));
        foreach (var status in RuleStatuses)
        {
            Assert.Equal(truth.AuthorizationRulesByStatus.GetValueOrDefault(status), Value(samples, "clientvpn_endpoint_authorization_rules", id, ("status", status)));
        }

        foreach (var status in RouteStatuses)
        {
            Assert.Equal(truth.RoutesByStatus.GetValueOrDefault(status), Value(samples, "clientvpn_endpoint_routes", id, ("status", status)));
        }

        Assert.Equal(1, Value(samples, "clientvpn_endpoint_client_connect_info", id, ("enabled", truth.ClientConnect.Enabled ? "true" : "false"), ("status", truth.ClientConnect.Status)));
    }

    private static double Value(List<Sample> samples, string name, string id, params (string Key, string Value)[] labels) =>
        Assert.Single(samples, s => s.Name == name && s.Label("endpoint_id") == id && labels.All(l => s.Label(l.Key) == l.Value)).Value;

    private static double LastSuccess(List<Sample> samples, string id, string resource) =>
        Value(samples, "clientvpn_endpoint_health_last_success_timestamp_seconds", id, ("resource", resource));

    private static async Task Send(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        response.EnsureSuccessStatusCode();
    }

    private static Task<ExporterOnSimulator> StartAsync(Func<HttpClient, Task>? prepare = null, FakeLogCollector? logs = null, string? extra = null) =>
        ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 3, ConnectionsPerEndpoint = 10, ChurnPerHour = 60, Seed = 12 },
            prepare ?? (_ => Task.CompletedTask),
            builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs ?? new FakeLogCollector())),
            [.. extra is null ? Array.Empty<string>() : [extra]]);
}
