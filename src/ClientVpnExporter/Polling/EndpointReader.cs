using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Reads every page of DescribeClientVpnConnections for one endpoint through the SDK's paginator and parses
/// each connection. Returns only when all pages arrived: a failure on any page throws, and nothing of the
/// partial listing escapes.
/// </summary>
internal sealed class EndpointReader(IOptions<ExporterOptions> options, AwsApiMetrics metrics)
{
    /// <param name="target">The account and region to read through.</param>
    /// <param name="endpointId">The endpoint to read.</param>
    /// <param name="knownConnectionIds">Gives the copy of a connection id already kept (the ledger's), so the listing holds no second one.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public async Task<ConnectionListing> ReadAsync(
        AwsTarget target,
        string endpointId,
        Func<string, string>? knownConnectionIds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, MaxResults = options.Value.PageSize };
        var connections = new List<ParsedConnection>();
        var errors = new List<ParseError>();
        var strings = new StringPool(knownConnectionIds);
        DateTimeOffset? listedAt = null;
        var capture = new ConnectionPageCapture();
        using var capturing = capture.Capture();
        await ApiPages.ReadAllAsync(
            target.Client.Paginators.DescribeClientVpnConnections(request).Responses,
            page =>
            {
                foreach (var connection in capture.TakePage(page.Connections))
                {
                    // The service's own time, from a connection skipped for its id too: the counting start may be
                    // taken from a baseline read in which no connection parsed.
                    if (ConnectionParser.TryParseTimestamp(connection.Timestamp, out var timestamp) && !(timestamp >= listedAt))
                    {
                        listedAt = timestamp;
                    }

                    if (ConnectionParser.Parse(connection, errors, strings) is { } parsed)
                    {
                        connections.Add(parsed);
                    }
                }
            },
            metrics,
            target,
            Ec2Operations.DescribeClientVpnConnections,
            cancellationToken);

        return new ConnectionListing(connections, errors, listedAt);
    }
}
