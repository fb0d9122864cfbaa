using System.Text;
using ClientVpnExporter.Attempts;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Exposition;

public class AttemptFamiliesTests
{
    private const string Read = "cvpn-endpoint-00000000000000001";
    private const string NotRead = "cvpn-endpoint-00000000000000002";
    private static readonly DateTimeOffset Success = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_EndpointWithAttempts_WritesEveryContractFamilyWithItsValues()
    {
        var samples = PrometheusText.Parse(Render(perUser: true, new PrivacyOptions()));
        double Value(string name, string endpoint, params (string Key, string Value)[] labels) =>
            Assert.Single(samples, s => s.Name == name && s.Label("endpoint_id") == endpoint && labels.All(l => s.Label(l.Key) == l.Value)).Value;

        Assert.Equal(7, Value("clientvpn_connection_attempts_total", Read, ("status", "failed"), ("reason", "client-connect-failed")));
        Assert.Equal(0, Value("clientvpn_connection_attempts_total", Read, ("status", "successful"), ("reason", "none")));
        Assert.Equal(7, Value("clientvpn_user_connection_attempts_total", Read, ("user", "mallory"), ("status", "failed")));
        Assert.Equal(1, Value("clientvpn_endpoint_connection_log_enabled", Read));
        Assert.Equal(0, Value("clientvpn_endpoint_connection_log_enabled", NotRead));
        Assert.Equal(Success.AddMinutes(-1).ToUnixTimeSeconds(), Value("clientvpn_endpoint_connection_log_newest_event_timestamp_seconds", Read));
        Assert.Equal(42.5, Value("clientvpn_endpoint_connection_log_ingestion_lag_seconds", Read));
        Assert.Equal(Success.ToUnixTimeSeconds(), Value("clientvpn_endpoint_health_last_success_timestamp_seconds", Read, ("resource", "connection_log")));
        Assert.DoesNotContain(samples, s => s.Label("endpoint_id") == NotRead && s.Name.Contains("attempts", StringComparison.Ordinal));
        Assert.DoesNotContain(samples, s => s.Label("endpoint_id") == NotRead && s.Name == "clientvpn_endpoint_health_last_success_timestamp_seconds");
    }

    [Fact]
    public void Render_HashedUsers_UserLabelGoesThroughThePrivacySettings()
    {
        var samples = PrometheusText.Parse(Render(perUser: true, new PrivacyOptions { User = LabelTreatment.Hash, HashKey = "k" }));

        var user = Assert.Single(samples, s => s.Name == "clientvpn_user_connection_attempts_total").Label("user");
        Assert.NotEqual("mallory", user);
        Assert.Equal(new PrivateLabels(new PrivacyOptions { User = LabelTreatment.Hash, HashKey = "k" }).User("mallory"), user);
    }

    [Fact]
    public void Render_PerUserOff_NoUserFamily() =>
        Assert.DoesNotContain(PrometheusText.Parse(Render(perUser: false, new PrivacyOptions())), s => s.Name == "clientvpn_user_connection_attempts_total");

    [Fact]
    public async Task Render_TextFormat_PassesPromtoolCheckMetrics()
    {
        var (exitCode, output) = await Promtool.CheckMetricsAsync(Render(perUser: true, new PrivacyOptions()));

        Assert.True(exitCode == 0, output);
    }

    private static string Render(bool perUser, PrivacyOptions privacy)
    {
        var families = FamilyCatalog.Build(perUser, perConnection: false, new PrivateLabels(privacy));
        var rendering = new FleetRendering(new FleetView([Endpoint(Read, Attempts()), Endpoint(NotRead, null)], 1, Success), families, Success);
        var text = new StringBuilder();
        foreach (var chunk in rendering.Chunks(ExpositionFormat.PrometheusText))
        {
            text.Append(Encoding.UTF8.GetString(chunk.Span));
        }

        return text.ToString();
    }

    private static EndpointView Endpoint(string id, AttemptReading? attempts) => new()
    {
        Endpoint = new EndpointDescription { EndpointId = id, Region = "us-east-1", ConnectionLogEnabled = attempts is not null },
        Up = true,
        LastSuccess = Success,
        Attempts = attempts,
    };

    private static AttemptReading Attempts() => new()
    {
        LogRead = true,
        Attempts = [new AttemptCount("successful", "none", 0), new AttemptCount("failed", "client-connect-failed", 7)],
        Users = [new UserAttemptCount("mallory", "failed", 7)],
        NewestEvent = Success.AddMinutes(-1),
        IngestionLag = TimeSpan.FromSeconds(42.5),
        LastSuccess = Success,
    };
}
