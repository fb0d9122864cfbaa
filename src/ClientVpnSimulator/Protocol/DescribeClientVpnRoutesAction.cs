using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Health;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// <c>DescribeClientVpnRoutes</c>: an endpoint's route table, filtered by <c>destination-cidr</c>, <c>origin</c> and
/// <c>target-subnet</c>, in pages.
/// </summary>
internal sealed class DescribeClientVpnRoutesAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "DescribeClientVpnRoutes";

    private static readonly EndpointListing<ClientVpnRoute> Listing = new(
        ActionName,
        "routes",
        endpoint => endpoint.Health.Routes,
        route => route.Sequence,
        [
            new("destination-cidr", (_, r) => r.DestinationCidr),
            new("origin", (_, r) => r.Origin),
            new("target-subnet", (_, r) => r.TargetSubnet),
        ],
        (writer, profile, route) =>
        {
            writer.WriteElementString("clientVpnEndpointId", profile.Id);
            writer.WriteElementString("destinationCidr", route.DestinationCidr);
            writer.WriteElementString("targetSubnet", route.TargetSubnet);
            writer.WriteElementString("type", ClientVpnRoute.Type);
            writer.WriteElementString("origin", route.Origin);
            writer.WriteStatus(route.Status, route.Message);
            writer.WriteElementString("description", route.Description);
        });

    private readonly FleetSimulation fleet;
    private readonly PageTokenCodec tokens;

    /// <summary>Lists the routes of <paramref name="fleet"/>'s endpoints.</summary>
    public DescribeClientVpnRoutesAction(FleetSimulation fleet, PageTokenCodec tokens)
    {
        this.fleet = fleet;
        this.tokens = tokens;
    }

    /// <inheritdoc/>
    public string Name => ActionName;

    /// <inheritdoc/>
    public AwsService Service => AwsService.Ec2;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request) => Listing.Execute(request, this.fleet, this.tokens);
}
