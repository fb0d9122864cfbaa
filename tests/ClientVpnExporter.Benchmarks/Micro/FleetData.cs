using System.Net.Http.Headers;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using ClientVpnExporter.Connections;
using ClientVpnSimulator;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// The fleet, read once per process from an in-process simulator through the real SDK (so the benchmarks
/// work on what AWS would answer, not on made-up objects): 10 endpoints × 10,000 active connections with 10,000
/// sessions an hour ending, so each endpoint lists about 20,000 connections of 5,000 users. Also one raw
/// 1000-connection page of XML, to time the SDK's own work on a page without a network.
/// </summary>
internal sealed class FleetData
{
    public const int Endpoints = 10;
    public const int ConnectionsPerEndpoint = 10_000;
    public const int ChurnPerHour = 10_000;
    public const int PageSize = 1000;

    private static readonly Lazy<FleetData> Shared = new(() => LoadAsync().GetAwaiter().GetResult());

    private FleetData(IReadOnlyList<EndpointListing> endpoints, byte[] pageXml)
    {
        this.Listings = endpoints;
        this.PageXml = pageXml;
    }

    public static FleetData Instance => Shared.Value;

    /// <summary>Every endpoint's complete listing, as the SDK returned it and as the exporter parsed it.</summary>
    public IReadOnlyList<EndpointListing> Listings { get; }

    /// <summary>One DescribeClientVpnConnections answer of <see cref="PageSize"/> connections, as the simulator sent it.</summary>
    public byte[] PageXml { get; }

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("bench", "bench");

    /// <summary>A client of the EC2 API at <paramref name="serviceUrl"/>, through <paramref name="httpClientFactory"/> if given.</summary>
    public static AmazonEC2Client Client(string serviceUrl, HttpClientFactory? httpClientFactory = null) =>
        new(Credentials, new AmazonEC2Config
        {
            ServiceURL = serviceUrl,
            AuthenticationRegion = "us-east-1",
            HttpClientFactory = httpClientFactory,
        });

    private static async Task<FleetData> LoadAsync()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Endpoints = Endpoints,
            ConnectionsPerEndpoint = ConnectionsPerEndpoint,
            ChurnPerHour = ChurnPerHour,
            Seed = 1,
            StartTime = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
            StartPaused = true,
        });
        using var ec2 = Client(simulator.BaseAddress.ToString());
        var described = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        var listings = new List<EndpointListing>();
        foreach (var endpoint in described.ClientVpnEndpoints.OrderBy(e => e.ClientVpnEndpointId, StringComparer.Ordinal))
        {
            var raw = new List<ClientVpnConnection>();
            var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpoint.ClientVpnEndpointId, MaxResults = PageSize };
            await foreach (var page in ec2.Paginators.DescribeClientVpnConnections(request).Responses)
            {
                raw.AddRange(page.Connections ?? []);
            }

            var errors = new List<ParseError>();
            var parsed = raw.Select(c => ConnectionParser.Parse(c, errors)).OfType<ParsedConnection>().ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"The simulator's connections should all parse; {errors.Count} fields did not.");
            }

            listings.Add(new EndpointListing(endpoint.ClientVpnEndpointId, raw, parsed));
        }

        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Action"] = "DescribeClientVpnConnections",
            ["Version"] = "2016-11-15",
            ["ClientVpnEndpointId"] = listings[0].EndpointId,
            ["MaxResults"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        form.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        using var response = await http.PostAsync(new Uri("/", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        return new FleetData(listings, await response.Content.ReadAsByteArrayAsync());
    }
}

/// <summary>One endpoint's complete listing.</summary>
internal sealed record EndpointListing(string EndpointId, IReadOnlyList<ClientVpnConnection> Raw, IReadOnlyList<ParsedConnection> Parsed);
