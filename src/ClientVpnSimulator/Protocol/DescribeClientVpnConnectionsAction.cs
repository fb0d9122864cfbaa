using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// <c>DescribeClientVpnConnections</c>: an endpoint's active connections and those terminated within the
/// last 60 minutes, filtered by <c>connection-id</c> and <c>username</c>, in pages. An endpoint of another
/// account than the request's is not found, as in AWS.
/// </summary>
internal sealed class DescribeClientVpnConnectionsAction : IQueryAction
{
    private const string ConnectionIdFilter = "connection-id";
    private const string UsernameFilter = "username";
    private readonly FleetSimulation _fleet;
    private readonly PageTokenCodec _tokens;

    /// <summary>Lists connections of <paramref name="fleet"/>.</summary>
    public DescribeClientVpnConnectionsAction(FleetSimulation fleet, PageTokenCodec tokens)
    {
        _fleet = fleet;
        _tokens = tokens;
    }

    /// <inheritdoc/>
    public string Name => "DescribeClientVpnConnections";

    /// <inheritdoc/>
    public QueryService Service => QueryService.Ec2;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpointId = request.Get("ClientVpnEndpointId")
            ?? throw new QueryErrorException(QueryError.MissingParameter("ClientVpnEndpointId"));
        var parameters = DescribeParameters.Read(request, _tokens, Scope(endpointId), ConnectionIdFilter, UsernameFilter);
        var connectionIds = parameters.FilterValues(ConnectionIdFilter);
        var usernames = parameters.FilterValues(UsernameFilter);
        var (maxResults, after) = (parameters.MaxResults, parameters.After);

        var page = _fleet.ObserveEndpoint(request.AccountId, endpointId, (now, endpoint) =>
        {
            if (endpoint is null)
            {
                return null;
            }

            var items = new List<ConnectionSnapshot>(Math.Min(maxResults, endpoint.Listing.Count));
            long? continueAfter = null;
            var lastSequence = long.MinValue;
            foreach (var connection in endpoint.Listing.After(after))
            {
                if ((connectionIds is not null && !connectionIds.Contains(connection.Id))
                    || (usernames is not null && !usernames.Contains(connection.User.Username)))
                {
                    continue;
                }

                if (items.Count == maxResults)
                {
                    // A next token only when another match exists: the last page has none.
                    continueAfter = lastSequence;
                    break;
                }

                items.Add(ConnectionSnapshot.Of(connection, endpoint.Profile.DualStack, now));
                lastSequence = connection.Sequence;
            }

            return new ConnectionPage(endpointId, now, items, continueAfter);
        }) ?? throw new QueryErrorException(QueryError.EndpointNotFound(endpointId));

        var nextToken = page.ContinueAfter is { } position ? _tokens.Encode(Scope(endpointId), position, parameters.NextPage) : null;
        return new XmlQueryResult(writer => ConnectionsResponseWriter.Write(writer, request.RequestId, page, nextToken));
    }

    private static string Scope(string endpointId) => "connections/" + endpointId;
}
