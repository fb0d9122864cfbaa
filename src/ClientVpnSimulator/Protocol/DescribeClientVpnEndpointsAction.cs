using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// <c>DescribeClientVpnEndpoints</c>: the endpoints of the request's account that exist, optionally by id, filtered by
/// <c>endpoint-id</c> and <c>transport-protocol</c>, in pages.
/// </summary>
internal sealed class DescribeClientVpnEndpointsAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "DescribeClientVpnEndpoints";

    private const string EndpointIdFilter = "endpoint-id";
    private const string TransportProtocolFilter = "transport-protocol";
    private readonly FleetSimulation fleet;
    private readonly PageTokenCodec tokens;

    /// <summary>Lists endpoints of <paramref name="fleet"/>.</summary>
    public DescribeClientVpnEndpointsAction(FleetSimulation fleet, PageTokenCodec tokens)
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
        var requestedIds = request.GetList("ClientVpnEndpointId");
        var parameters = DescribeParameters.Read(request, this.tokens, "endpoints/" + request.AccountId, EndpointIdFilter, TransportProtocolFilter);
        var endpointIds = parameters.FilterValues(EndpointIdFilter);
        var protocols = parameters.FilterValues(TransportProtocolFilter);

        // Configuration only: no need to bring the sessions forward.
        var (page, continueAfter, missing) = this.fleet.ObserveAccount(
            request.FleetAccountId,
            (_, endpoints) =>
            {
                var live = endpoints.Where(e => !e.IsDeleted).Select(e => e.Profile).ToList();
                var missingId = requestedIds.FirstOrDefault(id => !live.Exists(p => p.Id == id));
                var matching = live
                    .Where(p => requestedIds.Count == 0 || requestedIds.Contains(p.Id))
                    .Where(p => endpointIds is null || endpointIds.Contains(p.Id))
                    .Where(p => protocols is null || protocols.Contains(p.TransportProtocol))
                    .Where(p => p.Ordinal > parameters.After);
                var (items, after) = parameters.TakePage(matching, p => p.Ordinal);
                return (items, after, missingId);
            },
            advance: false);

        if (missing is not null)
        {
            throw new QueryErrorException(QueryError.EndpointNotFound(missing));
        }

        var nextToken = parameters.NextToken(continueAfter);
        return new XmlQueryResult(writer => EndpointsResponseWriter.Write(writer, request.RequestId, page, nextToken));
    }
}
