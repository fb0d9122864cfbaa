using System.Net.Http.Json;
using ClientVpnExporter.Hosting;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Hosting;

/// <summary><c>--demo</c> as Program runs it, in-process: the health families show, with a certificate expiring in days.</summary>
public class DemoHealthTests
{
    private static readonly string[] HealthFamilies =
    [
        "clientvpn_endpoint_certificate_expiry_timestamp_seconds", "clientvpn_endpoint_certificate_info", "clientvpn_endpoint_saml_provider_expiry_timestamp_seconds",
        "clientvpn_endpoint_crl_next_update_timestamp_seconds", "clientvpn_endpoint_crl_revoked_certificates", "clientvpn_endpoint_target_networks",
        "clientvpn_endpoint_connection_quota", "clientvpn_endpoint_client_cidr_addresses", "clientvpn_endpoint_authorization_rules", "clientvpn_endpoint_routes",
        "clientvpn_endpoint_client_connect_info", "clientvpn_endpoint_health_last_success_timestamp_seconds",
    ];

    [Fact]
    public async Task Demo_FirstHealthCycle_ShowsTheHealthFamiliesAndAServerCertificateExpiringInDays()
    {
        string[] settings = ["--urls=http://127.0.0.1:0"];
        await using var demo = await DemoMode.StartAsync();
        await using var app = ExporterHost.Build(settings, builder => demo.Configure(builder, settings));
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = RunningExporter.Address(app) };
            var samples = await ScrapeUntilAsync(http, s => s.Any(x => x.Name == "clientvpn_endpoint_health_last_success_timestamp_seconds" && x.Label("resource") == "certificates"));
            using var simulator = new HttpClient { BaseAddress = demo.Simulator.BaseAddress };
            var now = (await simulator.GetFromJsonAsync<GroundTruth>("/sim/truth", new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))!.Now;

            Assert.All(HealthFamilies, family => Assert.Contains(samples, s => s.Name == family));
            var daysLeft = samples
                .Where(s => s.Name == "clientvpn_endpoint_certificate_expiry_timestamp_seconds" && s.Label("certificate") == "server")
                .Select(s => (DateTimeOffset.FromUnixTimeSeconds((long)s.Value) - now).TotalDays)
                .ToList();
            Assert.Contains(daysLeft, days => days is > 0 and < 7);
            Assert.Contains(daysLeft, days => days > 30);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<List<Sample>> ScrapeUntilAsync(HttpClient http, Func<List<Sample>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var samples = PrometheusText.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
            if (done(samples))
            {
                return samples;
            }

            Assert.True(DateTime.UtcNow < deadline, "No health series within 60 s of starting the demo.");
            await Task.Delay(200);
        }
    }
}
