using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// <c>DescribeClientVpnConnections</c>: an endpoint's active connections and those terminated within the
/// last 60 minutes, filtered by <c>connection-id</c> and <c>username</c>, in pages. An endpoint of another
/// account than the request's is not found, as in AWS.
/// </summary>
internal sealed class DescribeClientVpnConnectionsAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "DescribeClientVpnConnections";

    private const string ConnectionIdFilter = "connection-id";
    private const string UsernameFilter = "username";
    private readonly FleetSimulation fleet;
    private readonly PageTokenCodec tokens;

    /// <summary>Lists connections of <paramref name="fleet"/>.</summary>
    public DescribeClientVpnConnectionsAction(FleetSimulation fleet, PageTokenCodec tokens)
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
        var endpointId = request.Get("ClientVpnEndpointId")
            ?? throw new QueryErrorException(QueryError.MissingParameter("ClientVpnEndpointId"));
        var parameters = DescribeParameters.Read(request, this.tokens, "connections/" + endpointId, ConnectionIdFilter, UsernameFilter);
        var connectionIds = parameters.FilterValues(ConnectionIdFilter);
        var usernames = parameters.FilterValues(UsernameFilter);

        var page = this.fleet.ObserveEndpoint(request.FleetAccountId, endpointId, (now, endpoint) =>
        {
            if (endpoint is null)
            {
                return null;
            }

            var (matches, continueAfter) = parameters.TakePage(
                endpoint.Listing.After(parameters.After).Where(c =>
                    (connectionIds is null || connectionIds.Contains(c.Id)) && (usernames is null || usernames.Contains(c.User.Username))),
                c => c.Sequence);
            return new ConnectionPage(
                endpointId, now, [.. matches.Select(c => ConnectionSnapshot.Of(c, endpoint.Profile.DualStack, now))], continueAfter);
        }) ?? throw new QueryErrorException(QueryError.EndpointNotFound(endpointId));

        var nextToken = parameters.NextToken(page.ContinueAfter);
        return new XmlQueryResult(writer => ConnectionsResponseWriter.Write(writer, request.RequestId, page, nextToken));
    }
}
