using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;

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
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress };
        Ec2 = new AmazonEC2Client(
            new BasicAWSCredentials("AKIASIMULATORTESTS00", "simulator-test-secret"),
            new AmazonEC2Config
            {
                ServiceURL = server.BaseAddress.ToString(),
                AuthenticationRegion = "us-east-1",
                MaxErrorRetry = 0,
            });
    }

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

    public async Task<List<ClientVpnEndpoint>> EndpointsAsync()
    {
        var endpoints = new List<ClientVpnEndpoint>();
        string? token = null;
        do
        {
            var page = await Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { NextToken = token });
            endpoints.AddRange(page.ClientVpnEndpoints ?? []);
            token = page.NextToken;
        }
        while (token is not null);
        return endpoints;
    }

    public async Task<string> FirstEndpointIdAsync() => (await EndpointsAsync())[0].ClientVpnEndpointId;

    public async Task<List<ClientVpnConnection>> ConnectionsAsync(string endpointId, int? maxResults = null, List<Filter>? filters = null)
    {
        var connections = new List<ClientVpnConnection>();
        string? token = null;
        do
        {
            var page = await Ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest
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

    public async Task<TruthDocument> TruthAsync(bool users = false) =>
        (await Http.GetFromJsonAsync<TruthDocument>(users ? "sim/truth?users=true" : "sim/truth", Json))!;

    public async Task<ClockDocument> AdvanceAsync(double seconds)
    {
        using var response = await Http.PostAsync(FormattableString.Invariant($"sim/clock/advance?seconds={seconds}"), null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClockDocument>(Json))!;
    }

    /// <summary>Posts a raw EC2 Query form, for what the SDK cannot be made to send.</summary>
    public async Task<(HttpStatusCode Status, XDocument Body)> PostQueryAsync(params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var response = await Http.PostAsync(string.Empty, content);
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        Ec2.Dispose();
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
