using System.Text;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Health;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Exposition;

public class HealthFamiliesTests
{
    private const string Read = "cvpn-endpoint-00000000000000001";
    private const string NotYetRead = "cvpn-endpoint-00000000000000002";
    private static readonly DateTimeOffset NotAfter = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Success = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_EndpointWithHealth_WritesEveryContractFamilyWithItsValues()
    {
        var samples = PrometheusText.Parse(Render(ExpositionFormat.PrometheusText));
        double Value(string name, params (string Key, string Value)[] labels) =>
            Assert.Single(samples, s => s.Name == name && s.Label("endpoint_id") == Read && labels.All(l => s.Label(l.Key) == l.Value)).Value;

        Assert.Equal(NotAfter.ToUnixTimeSeconds(), Value("clientvpn_endpoint_certificate_expiry_timestamp_seconds", ("certificate", "server")));
        Assert.Equal(1, Value("clientvpn_endpoint_certificate_info", ("certificate", "server"), ("certificate_arn", "arn:aws:acm:us-east-1:1:certificate/s"), ("status", "issued"), ("type", "imported"), ("renewal_eligibility", "ineligible")));
        Assert.Equal(NotAfter.ToUnixTimeSeconds(), Value("clientvpn_endpoint_saml_provider_expiry_timestamp_seconds", ("provider", "saml")));
        Assert.Equal(TestCrlDates.Next.ToUnixTimeSeconds(), Value("clientvpn_endpoint_crl_next_update_timestamp_seconds"));
        Assert.Equal(TestCrlDates.This.ToUnixTimeSeconds(), Value("clientvpn_endpoint_crl_this_update_timestamp_seconds"));
        Assert.Equal(3, Value("clientvpn_endpoint_crl_revoked_certificates"));
        Assert.Equal(1, Value("clientvpn_endpoint_crl_info", ("status", "active")));
        Assert.Equal(1, Value("clientvpn_endpoint_target_networks", ("status", "associated")));
        Assert.Equal(1, Value("clientvpn_endpoint_target_networks", ("status", "association-failed")));
        Assert.Equal(0, Value("clientvpn_endpoint_target_networks", ("status", "disassociated")));
        Assert.Equal(5, samples.Count(s => s.Name == "clientvpn_endpoint_target_networks" && s.Label("endpoint_id") == Read));
        Assert.Equal(1, Value("clientvpn_endpoint_target_network_info", ("association_id", "cvpn-assoc-1"), ("subnet_id", "subnet-1"), ("vpc_id", "vpc-1"), ("availability_zone", "us-east-1a"), ("status", "associated")));
        Assert.Equal(7_000, Value("clientvpn_endpoint_connection_quota"));
        Assert.Equal(1024, Value("clientvpn_endpoint_client_cidr_addresses"));
        Assert.Equal(1, Value("clientvpn_endpoint_authorization_rules", ("status", "failed")));
        Assert.Equal(0, Value("clientvpn_endpoint_routes", ("status", "failed")));
        Assert.Equal(1, Value("clientvpn_endpoint_client_connect_info", ("enabled", "true"), ("status", "applying")));
        Assert.Equal(Success.ToUnixTimeSeconds(), Value("clientvpn_endpoint_health_last_success_timestamp_seconds", ("resource", "crl")));
    }

    [Fact]
    public void Render_EndpointNotYetRead_WritesOnlyWhatDiscoveryDescribes()
    {
        var names = PrometheusText.Parse(Render(ExpositionFormat.PrometheusText))
            .Where(s => s.Label("endpoint_id") == NotYetRead && s.Name.StartsWith("clientvpn_endpoint_", StringComparison.Ordinal))
            .Select(s => s.Name)
            .ToHashSet();

        Assert.Equal(
            ["clientvpn_endpoint_client_cidr_addresses", "clientvpn_endpoint_client_connect_info", "clientvpn_endpoint_connection_log_enabled", "clientvpn_endpoint_info", "clientvpn_endpoint_last_success_timestamp_seconds", "clientvpn_endpoint_up"],
            names.Order(StringComparer.Ordinal));
        var connect = Assert.Single(PrometheusText.Parse(Render(ExpositionFormat.PrometheusText)), s => s.Name == "clientvpn_endpoint_client_connect_info" && s.Label("endpoint_id") == NotYetRead);
        Assert.Equal(("false", "none"), (connect.Label("enabled"), connect.Label("status")));
    }

    [Fact]
    public void Render_OpenMetrics_TimestampsHaveASecondsUnit()
    {
        var openMetrics = Render(ExpositionFormat.OpenMetrics);

        Assert.Contains("# TYPE clientvpn_endpoint_crl_next_update_timestamp_seconds gauge\n# UNIT clientvpn_endpoint_crl_next_update_timestamp_seconds seconds\n", openMetrics, StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", openMetrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_TextFormat_PassesPromtoolCheckMetrics()
    {
        var (exitCode, output) = await Promtool.CheckMetricsAsync(Render(ExpositionFormat.PrometheusText));

        Assert.True(exitCode == 0, output);
    }

    private static string Render(ExpositionFormat format)
    {
        var families = FamilyCatalog.Build(perUser: false, perConnection: false, new PrivateLabels(new PrivacyOptions()));
        var rendering = new FleetRendering(new FleetView([Endpoint(Read, Health()), Endpoint(NotYetRead, null)], 1, Success), families, Success);
        var text = new StringBuilder();
        foreach (var chunk in rendering.Chunks(format))
        {
            text.Append(Encoding.UTF8.GetString(chunk.Span));
        }

        return text.ToString();
    }

    private static EndpointView Endpoint(string id, HealthReading? health) => new()
    {
        Endpoint = new EndpointDescription
        {
            EndpointId = id,
            Region = "us-east-1",
            ClientCidrBlock = "10.100.0.0/22",
            ClientConnectEnabled = health is not null,
            ClientConnectStatus = health is null ? "" : "applying",
        },
        Up = true,
        LastSuccess = Success,
        Health = health,
    };

    private static HealthReading Health() => new()
    {
        Certificates = [new CertificateReading(CertificateReading.Server, "arn:aws:acm:us-east-1:1:certificate/s", NotAfter, "issued", "imported", "ineligible")],
        Crl = new CrlReading("active", TestCrlDates.This, TestCrlDates.Next, 3),
        SamlProviders = [new SamlProviderReading(SamlProviderReading.Saml, "arn:aws:iam::1:saml-provider/okta", NotAfter)],
        TargetNetworks =
        [
            new TargetNetworkReading("cvpn-assoc-1", "subnet-1", "vpc-1", "us-east-1a", "associated"),
            new TargetNetworkReading("cvpn-assoc-2", "subnet-2", "vpc-1", "us-east-1b", "association-failed"),
        ],
        AuthorizationRules = EndpointHealthReader.Count(["active", "failed"], HealthStatuses.AuthorizationRule),
        Routes = EndpointHealthReader.Count(["active"], HealthStatuses.Route),
        ConnectionQuota = 7_000,
        Reads = [.. HealthResources.All.Select(r => new ResourceRead(r, Success, null, Denied: false))],
    };

    private static class TestCrlDates
    {
        public static readonly DateTimeOffset This = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        public static readonly DateTimeOffset Next = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    }
}
