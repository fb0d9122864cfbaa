using System.Net;
using System.Net.Http.Headers;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// One page of 1000 connections: what the SDK costs to sign the request and unmarshal the XML (the answer is canned,
/// so neither the network nor the simulator is timed), and what the exporter's parser costs on the result.
/// </summary>
[MemoryDiagnoser]
public class PageBenchmarks : IDisposable
{
    private AmazonEC2Client? client;
    private DescribeClientVpnConnectionsRequest request = new();
    private IReadOnlyList<ClientVpnConnection> page = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = FleetData.Instance;
        this.client = FleetData.Client("http://127.0.0.1:9/", new CannedHttpClientFactory(data.PageXml));
        this.request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = data.Listings[0].EndpointId, MaxResults = FleetData.PageSize };
        this.page = data.Listings[0].Raw.Take(FleetData.PageSize).ToList();
    }

    [Benchmark(Description = "SDK: request and unmarshal one page")]
    public async Task<int> SdkPage()
    {
        var response = await this.client!.DescribeClientVpnConnectionsAsync(this.request);
        return response.Connections.Count;
    }

    [Benchmark(Description = "ConnectionParser: one page")]
    public int ParsePage()
    {
        var errors = new List<ParseError>();
        var parsed = 0;
        foreach (var connection in this.page)
        {
            if (ConnectionParser.Parse(connection, errors) is not null)
            {
                parsed++;
            }
        }

        return parsed;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        this.client?.Dispose();
        this.client = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>Answers every request with the same recorded page.</summary>
    private sealed class CannedHttpClientFactory(byte[] body) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new CannedHandler(body));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => "canned";
    }

    private sealed class CannedHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "UTF-8" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
