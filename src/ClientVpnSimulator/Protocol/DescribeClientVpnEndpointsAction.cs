using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// <c>DescribeClientVpnEndpoints</c>: the endpoints of the request's account that exist, optionally by id, filtered by
/// <c>endpoint-id</c> and <c>transport-protocol</c>, in pages.
/// </summary>
internal sealed class DescribeClientVpnEndpointsAction : IQueryAction
{
    private const string EndpointIdFilter = "endpoint-id";
    private const string TransportProtocolFilter = "transport-protocol";
    private readonly FleetSimulation _fleet;
    private readonly PageTokenCodec _tokens;

    /// <summary>Lists endpoints of <paramref name="fleet"/>.</summary>
    public DescribeClientVpnEndpointsAction(FleetSimulation fleet, PageTokenCodec tokens)
    {
        _fleet = fleet;
        _tokens = tokens;
    }

    /// <inheritdoc/>
    public string Name => "DescribeClientVpnEndpoints";

    /// <inheritdoc/>
    public QueryService Service => QueryService.Ec2;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requestedIds = request.GetList("ClientVpnEndpointId");
        var scope = "endpoints/" + request.AccountId;
        var parameters = DescribeParameters.Read(request, _tokens, scope, EndpointIdFilter, TransportProtocolFilter);
        var endpointIds = parameters.FilterValues(EndpointIdFilter);
        var protocols = parameters.FilterValues(TransportProtocolFilter);
        var (maxResults, after) = (parameters.MaxResults, parameters.After);

        // Configuration only: no need to bring the sessions forward.
        var (page, missing) = _fleet.ObserveAccount(
            request.AccountId,
            (_, endpoints) =>
            {
                var live = endpoints.Where(e => !e.IsDeleted).Select(e => e.Profile).ToList();
                var missingId = requestedIds.FirstOrDefault(id => !live.Exists(p => p.Id == id));
                var matching = live
                    .Where(p => requestedIds.Count == 0 || requestedIds.Contains(p.Id))
                    .Where(p => endpointIds is null || endpointIds.Contains(p.Id))
                    .Where(p => protocols is null || protocols.Contains(p.TransportProtocol))
                    .Where(p => p.Ordinal > after)
                    .Take(maxResults + 1)
                    .ToList();
                return (matching, missingId);
            },
            advance: false);

        if (missing is not null)
        {
            throw new QueryErrorException(QueryError.EndpointNotFound(missing));
        }

        string? nextToken = null;
        if (page.Count > maxResults)
        {
            page.RemoveAt(maxResults);
            nextToken = _tokens.Encode(scope, page[^1].Ordinal, parameters.NextPage);
        }

        return new XmlQueryResult(writer => EndpointsResponseWriter.Write(writer, request.RequestId, page, nextToken));
    }
}
