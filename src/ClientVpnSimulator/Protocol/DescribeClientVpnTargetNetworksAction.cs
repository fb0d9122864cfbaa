using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Health;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// <c>DescribeClientVpnTargetNetworks</c>: an endpoint's subnet associations, optionally by <c>AssociationIds</c>, filtered by
/// <c>association-id</c>, <c>target-network-id</c> and <c>vpc-id</c>, in pages.
/// </summary>
internal sealed class DescribeClientVpnTargetNetworksAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "DescribeClientVpnTargetNetworks";

    private static readonly EndpointListing<TargetNetworkAssociation> Listing = new(
        ActionName,
        "clientVpnTargetNetworks",
        endpoint => endpoint.Health.Associations,
        association => association.Sequence,
        [
            new("association-id", (_, a) => a.AssociationId),
            new("target-network-id", (_, a) => a.SubnetId),
            new("vpc-id", (profile, _) => profile.VpcId),
        ],
        (writer, profile, association) =>
        {
            writer.WriteElementString("associationId", association.AssociationId);
            writer.WriteElementString("vpcId", profile.VpcId);
            writer.WriteElementString("targetNetworkId", association.SubnetId);
            writer.WriteElementString("clientVpnEndpointId", profile.Id);
            writer.WriteStatus(association.Status, association.Message);
            writer.WriteItems("securityGroups", profile.SecurityGroupIds);
        });

    private readonly FleetSimulation fleet;
    private readonly PageTokenCodec tokens;

    /// <summary>Lists the associations of <paramref name="fleet"/>'s endpoints.</summary>
    public DescribeClientVpnTargetNetworksAction(FleetSimulation fleet, PageTokenCodec tokens)
    {
        this.fleet = fleet;
        this.tokens = tokens;
    }

    /// <inheritdoc/>
    public string Name => ActionName;

    /// <inheritdoc/>
    public AwsService Service => AwsService.Ec2;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.GetList("AssociationIds");
        return Listing.Execute(request, this.fleet, this.tokens, ids.Count == 0 ? null : a => ids.Contains(a.AssociationId));
    }
}
