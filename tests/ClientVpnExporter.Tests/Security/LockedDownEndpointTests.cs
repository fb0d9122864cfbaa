using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Security;

/// <summary>One exporter serving TLS and basic auth from a web configuration file, shared by <see cref="LockedDownEndpointTests"/>.</summary>
public sealed class TlsAndBasicAuthExporter : IAsyncLifetime
{
    public const string User = "prometheus";
    public const string Password = "correct horse battery staple";

    internal LockedDownExporter Exporter { get; private set; } = null!;

    internal HttpClient Client { get; private set; } = null!;

    /// <summary>The web configuration and certificate files, kept while the exporter runs: it watches the certificate files.</summary>
    private ScratchFolder Folder { get; } = new();

    public async Task InitializeAsync()
    {
        var folder = this.Folder;
        var certificate = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(certificate, folder.PathOf("server.crt"), folder.PathOf("server.key"));
        var hash = BCrypt.Net.BCrypt.HashPassword(Password, workFactor: 10);
        var webConfig = folder.Write("web-config.yml", $"""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            basic_auth_users:
              {User}: {hash}
            """);
        this.Exporter = await LockedDownExporter.StartAsync(webConfig, certificate);
        this.Client = this.Exporter.Client();
        await RunningExporter.WaitUntilReadyAsync(this.Client);
    }

    public async Task DisposeAsync()
    {
        this.Client.Dispose();
        await this.Exporter.DisposeAsync();
        this.Folder.Dispose();
    }
}

/// <summary>TLS and basic authentication from the exporter-toolkit web configuration file, over real HTTPS.</summary>
[Collection(SerialTestGroup.Name)]
public class LockedDownEndpointTests(TlsAndBasicAuthExporter fixture) : IClassFixture<TlsAndBasicAuthExporter>
{
    [Fact]
    public void Kestrel_WithTlsConfiguredOnAnHttpUrl_ServesHttps()
    {
        Assert.Equal(Uri.UriSchemeHttps, fixture.Exporter.Address.Scheme);
    }

    [Fact]
    public async Task Metrics_WithoutCredentials_Returns401WithBasicChallenge()
    {
        using var response = await fixture.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.DoesNotContain("clientvpn_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TlsAndBasicAuthExporter.User, "wrong password")]
    [InlineData(TlsAndBasicAuthExporter.User, "")]
    [InlineData("grafana", TlsAndBasicAuthExporter.Password)]
    public async Task Metrics_WrongUserOrPassword_Returns401(string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = LockedDownExporter.Basic(user, password) } };

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_RightPassword_Returns200WithTheFleetsMetrics()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics")
        {
            Headers = { Authorization = LockedDownExporter.Basic(TlsAndBasicAuthExporter.User, TlsAndBasicAuthExporter.Password) },
        };

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, Assert.Single(samples, s => s.Name == "clientvpn_endpoint_up").Value);
        Assert.Contains(samples, s => s.Name == "clientvpn_connections" && s.Value > 0);
    }

    [Fact]
    public async Task Metrics_Delete_Returns401WithoutThePasswordAnd405WithIt()
    {
        using var anonymous = new HttpRequestMessage(HttpMethod.Delete, "/metrics");
        using var authenticated = new HttpRequestMessage(HttpMethod.Delete, "/metrics")
        {
            Headers = { Authorization = LockedDownExporter.Basic(TlsAndBasicAuthExporter.User, TlsAndBasicAuthExporter.Password) },
        };

        using var refused = await fixture.Client.SendAsync(anonymous);
        using var notAllowed = await fixture.Client.SendAsync(authenticated);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, notAllowed.StatusCode);
    }

    [Fact]
    public async Task Metrics_ThirtyTwoParallelScrapersWithThePassword_AllGet200()
    {
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics")
                {
                    Headers = { Authorization = LockedDownExporter.Basic(TlsAndBasicAuthExporter.User, TlsAndBasicAuthExporter.Password) },
                };
                using var response = await fixture.Client.SendAsync(request);
                statuses.Add(response.StatusCode);
            }
        })));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(statuses.Count >= 64, $"only {statuses.Count} scrapes in 2 s");
    }

    [Fact]
    public async Task LandingPage_WithoutCredentials_Returns401()
    {
        using var response = await fixture.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.DoesNotContain("cvpn-endpoint-", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPage_WithCredentials_ShowsTheEndpointsAndPolls()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Authorization = LockedDownExporter.Basic(TlsAndBasicAuthExporter.User, TlsAndBasicAuthExporter.Password) } };

        using var response = await fixture.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<tr id=\"cvpn-endpoint-", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"polls\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthProbes_WithoutCredentials_Answer200(string path)
    {
        using var response = await fixture.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PlainHttp_ToTheTlsPort_Fails()
    {
        using var plain = new HttpClient();
        var port = fixture.Exporter.Address.Port;

        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz")));
    }

    [Fact]
    public async Task Https_WithoutTrustingTheCertificate_Fails()
    {
        using var untrusting = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(new Uri(fixture.Exporter.Address, "/healthz")));
    }
}
