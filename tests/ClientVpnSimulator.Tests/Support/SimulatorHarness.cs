using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace ClientVpnSimulator.Tests.Support;

/// <summary>A simulator on a free loopback port with a real EC2 client and a control client pointed at it.</summary>
public sealed class SimulatorHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static SimulatorHarness()
    {
        // Credentials and region are explicit; this keeps the SDK from ever probing instance metadata.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    private SimulatorHarness(SimulatorServer server)
    {
        this.Server = server;
        this.Http = new HttpClient { BaseAddress = server.BaseAddress };
        this.Ec2 = this.Ec2With(BaseCredentials);
    }

    /// <summary>Keys the simulator did not issue: they act in its first account.</summary>
    public static BasicAWSCredentials BaseCredentials { get; } = new("AKIASIMULATORTESTS00", "simulator-test-secret");

    public SimulatorServer Server { get; }

    public AmazonEC2Client Ec2 { get; }

    public HttpClient Http { get; }

    /// <summary>Paused at a fixed start, seed 7, three small endpoints unless told otherwise.</summary>
    public static SimulatorOptions Options(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions
        {
            Endpoints = 3,
            ConnectionsPerEndpoint = 40,
            ChurnPerHour = 120,
            Seed = 7,
            StartTime = DefaultStart,
            StartPaused = true,
        };
        configure?.Invoke(options);
        return options;
    }

    public static async Task<SimulatorHarness> StartAsync(SimulatorOptions? options = null) =>
        new(await SimulatorServer.StartAsync(options ?? Options()));

    /// <summary>A real EC2 client on the simulator signing with <paramref name="credentials"/>; no retries unless configured.</summary>
    public AmazonEC2Client Ec2With(AWSCredentials credentials, Action<AmazonEC2Config>? configure = null)
    {
        var config = new AmazonEC2Config { ServiceURL = this.Server.BaseAddress.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        configure?.Invoke(config);
        return new AmazonEC2Client(credentials, config);
    }

    /// <summary>A real STS client on the simulator, the same URL as EC2's; no retries unless configured.</summary>
    public AmazonSecurityTokenServiceClient StsWith(AWSCredentials? credentials = null, Action<AmazonSecurityTokenServiceConfig>? configure = null)
    {
        var config = new AmazonSecurityTokenServiceConfig { ServiceURL = this.Server.BaseAddress.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        configure?.Invoke(config);
        return new AmazonSecurityTokenServiceClient(credentials ?? BaseCredentials, config);
    }

    public async Task<List<ClientVpnEndpoint>> EndpointsAsync()
    {
        var endpoints = new List<ClientVpnEndpoint>();
        string? token = null;
        do
        {
            var page = await this.Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { NextToken = token });
            endpoints.AddRange(page.ClientVpnEndpoints ?? []);
            token = page.NextToken;
        }
        while (token is not null);
        return endpoints;
    }

    public async Task<string> FirstEndpointIdAsync() => (await this.EndpointsAsync())[0].ClientVpnEndpointId;

    public Task<List<ClientVpnConnection>> ConnectionsAsync(string endpointId, int? maxResults = null, List<Filter>? filters = null) =>
        ConnectionsAsync(this.Ec2, endpointId, maxResults, filters);

    public static async Task<List<ClientVpnConnection>> ConnectionsAsync(IAmazonEC2 ec2, string endpointId, int? maxResults = null, List<Filter>? filters = null)
    {
        var connections = new List<ClientVpnConnection>();
        string? token = null;
        do
        {
            var page = await ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest
            {
                ClientVpnEndpointId = endpointId,
                MaxResults = maxResults,
                NextToken = token,
                Filters = filters,
            });
            connections.AddRange(page.Connections ?? []);
            token = page.NextToken;
        }
        while (token is not null);
        return connections;
    }

    public async Task<TruthDocument> TruthAsync(bool users = false, string? account = null, long? attemptsSince = null)
    {
        var query = string.Join('&', new[]
        {
            users ? "users=true" : null,
            account is null ? null : "account=" + account,
            attemptsSince is null ? null : FormattableString.Invariant($"attemptsSince={attemptsSince}"),
        }.OfType<string>());
        return (await this.Http.GetFromJsonAsync<TruthDocument>(query.Length == 0 ? "sim/truth" : "sim/truth?" + query, Json))!;
    }

    /// <summary>Sends a JSON body (as curl -d would, whatever the content type) and returns the status and body text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendJsonAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        using var response = await this.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Puts a fault set or permission set in force; fails the test if the simulator refuses it.</summary>
    public async Task PutAsync(string path, string json)
    {
        var (status, body) = await this.SendJsonAsync(HttpMethod.Put, path, json);
        Assert.True(status == HttpStatusCode.OK, $"PUT {path}: {(int)status} {body}");
    }

    public async Task<ClockDocument> AdvanceAsync(double seconds)
    {
        using var response = await this.Http.PostAsync(FormattableString.Invariant($"sim/clock/advance?seconds={seconds}"), null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClockDocument>(Json))!;
    }

    /// <summary>Posts a raw EC2 Query form, for what the SDK cannot be made to send.</summary>
    public async Task<(HttpStatusCode Status, XDocument Body)> PostQueryAsync(params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var response = await this.Http.PostAsync(string.Empty, content);
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        this.Ec2.Dispose();
        this.Http.Dispose();
        await this.Server.DisposeAsync();
    }
}
