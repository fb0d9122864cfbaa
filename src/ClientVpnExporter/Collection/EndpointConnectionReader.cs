using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Metrics;
using ClientVpnExporter.Parsing;

namespace ClientVpnExporter.Collection;

/// <summary>
/// Reads every page of DescribeClientVpnConnections for one endpoint through the SDK's paginator and parses
/// each connection. Returns only when all pages arrived: a failure on any page throws, and nothing of the
/// partial listing escapes.
/// </summary>
internal sealed class EndpointConnectionReader(ExporterOptions options, ExporterSelfMetrics selfMetrics)
{
    public async Task<ConnectionListing> ReadAsync(IAmazonEC2 client, string region, string accountId, string endpointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, MaxResults = options.PageSize };
        var connections = new List<ParsedConnection>();
        var errors = new List<ParseError>();
        var strings = new StringPool();
        try
        {
            await foreach (var page in client.Paginators.DescribeClientVpnConnections(request).Responses.WithCancellation(cancellationToken))
            {
                selfMetrics.ApiRequest(Ec2Operations.DescribeClientVpnConnections, region, accountId, ApiOutcome.Success);
                foreach (var connection in page.Connections ?? [])
                {
                    if (ConnectionParser.Parse(connection, errors, strings) is { } parsed)
                    {
                        connections.Add(parsed);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            selfMetrics.ApiRequest(Ec2Operations.DescribeClientVpnConnections, region, accountId, ApiOutcome.Of(ex));
            throw;
        }

        return new ConnectionListing(connections, errors);
    }
}
