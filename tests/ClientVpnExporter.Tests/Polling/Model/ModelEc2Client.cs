using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;

namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>
/// A real <see cref="AmazonEC2Client"/> whose two Describe calls answer from the model fleet instead of the network,
/// so the exporter reads it through the SDK's own paginators, with their MaxResults and NextToken handling.
/// </summary>
internal sealed class ModelEc2Client(ModelFleet fleet)
    : AmazonEC2Client(new BasicAWSCredentials("AKIDMODEL", "model"), new AmazonEC2Config { RegionEndpoint = RegionEndpoint.USEast1 })
{
    public override async Task<DescribeClientVpnEndpointsResponse> DescribeClientVpnEndpointsAsync(
        DescribeClientVpnEndpointsRequest request, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return fleet.DescribeEndpoints(request);
    }

    public override async Task<DescribeClientVpnConnectionsResponse> DescribeClientVpnConnectionsAsync(
        DescribeClientVpnConnectionsRequest request, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return fleet.DescribeConnections(request);
    }
}
