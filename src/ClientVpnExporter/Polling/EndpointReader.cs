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
        Func<ReadOnlySpan<char>, string?>? knownConnectionIds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, MaxResults = options.Value.PageSize };
        var listing = new ConnectionListingBuilder(new StringPool(knownConnectionIds));
        var capture = new ConnectionPageCapture(listing.Strings);
        using var capturing = capture.Capture();
        await ApiPages.ReadAllAsync(
            target.Client.Paginators.DescribeClientVpnConnections(request).Responses,
            page =>
            {
                if (capture.TakePage() is { } read)
                {
                    listing.Add(read);
                    return;
                }

                foreach (var connection in page.Connections ?? [])
                {
                    listing.Add(connection);
                }
            },
            metrics,
            target,
            Ec2Operations.DescribeClientVpnConnections,
            cancellationToken);

        return listing.Build();
    }
}
