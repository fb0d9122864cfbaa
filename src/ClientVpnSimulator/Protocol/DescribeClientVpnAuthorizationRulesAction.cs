using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Health;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// <c>DescribeClientVpnAuthorizationRules</c>: an endpoint's authorization rules, filtered by <c>description</c>,
/// <c>destination-cidr</c> and <c>group-id</c>, in pages.
/// </summary>
internal sealed class DescribeClientVpnAuthorizationRulesAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "DescribeClientVpnAuthorizationRules";

    private static readonly EndpointListing<AuthorizationRule> Listing = new(
        ActionName,
        "authorizationRule",
        endpoint => endpoint.Health.AuthorizationRules,
        rule => rule.Sequence,
        [
            new("description", (_, r) => r.Description),
            new("destination-cidr", (_, r) => r.DestinationCidr),
            new("group-id", (_, r) => r.GroupId),
        ],
        (writer, profile, rule) =>
        {
            writer.WriteElementString("clientVpnEndpointId", profile.Id);
            writer.WriteElementString("description", rule.Description);
            if (rule.GroupId is not null)
            {
                writer.WriteElementString("groupId", rule.GroupId);
            }

            writer.WriteElement("accessAll", rule.AccessAll);
            writer.WriteElementString("destinationCidr", rule.DestinationCidr);
            writer.WriteStatus(rule.Status, rule.Message);
        });

    private readonly FleetSimulation fleet;
    private readonly PageTokenCodec tokens;

    /// <summary>Lists the rules of <paramref name="fleet"/>'s endpoints.</summary>
    public DescribeClientVpnAuthorizationRulesAction(FleetSimulation fleet, PageTokenCodec tokens)
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
