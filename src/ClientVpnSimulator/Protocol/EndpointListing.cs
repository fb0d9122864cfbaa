using System.Xml;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// What the paginated Describe actions on one endpoint's resources (target networks, authorization rules, routes)
/// share: a required <c>ClientVpnEndpointId</c>, filters, <c>MaxResults</c>, <c>NextToken</c> and <c>DryRun</c> read
/// as <see cref="DescribeParameters"/> does, an endpoint of another account not found, items listed in a stable order
/// that a token continues after.
/// </summary>
/// <typeparam name="T">The listed item.</typeparam>
/// <param name="Action">The action's name.</param>
/// <param name="ListElement">The element that wraps the items.</param>
/// <param name="ItemsOf">The endpoint's items, in listing order; read under the fleet lock, so it must return a list that no change alters.</param>
/// <param name="PositionOf">An item's listing position.</param>
/// <param name="Filters">The filters the action knows.</param>
/// <param name="WriteItem">Writes one item's content (inside its <c>item</c>), given the endpoint's profile.</param>
internal sealed record EndpointListing<T>(
    string Action,
    string ListElement,
    Func<SimulatedEndpoint, IReadOnlyList<T>> ItemsOf,
    Func<T, long> PositionOf,
    IReadOnlyList<EndpointListFilter<T>> Filters,
    Action<XmlWriter, EndpointProfile, T> WriteItem)
{
    /// <summary>Answers <paramref name="request"/> with one page; <paramref name="extra"/> is an action's own parameter that restricts the items.</summary>
    /// <exception cref="QueryErrorException">The request is invalid, <c>DryRun</c>, or its endpoint unknown.</exception>
    public QueryResult Execute(QueryRequest request, FleetSimulation fleet, PageTokenCodec tokens, Func<T, bool>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fleet);
        var endpointId = request.Get("ClientVpnEndpointId")
            ?? throw new QueryErrorException(QueryError.MissingParameter("ClientVpnEndpointId"));
        var parameters = DescribeParameters.Read(request, tokens, $"{this.ListElement}/{endpointId}", [.. this.Filters.Select(f => f.Name)]);
        var wanted = this.Filters.Select(f => (f.ValueOf, Values: parameters.FilterValues(f.Name))).Where(f => f.Values is not null).ToList();

        var found = fleet.ObserveEndpoint<(EndpointProfile Profile, IReadOnlyList<T> Items)?>(
            request.FleetAccountId,
            endpointId,
            (_, endpoint) => endpoint is null ? null : (endpoint.Profile, Items: this.ItemsOf(endpoint)),
            advance: false) ?? throw new QueryErrorException(QueryError.EndpointNotFound(endpointId));

        var (profile, all) = found;
        var matching = all
            .Where(item => this.PositionOf(item) > parameters.After)
            .Where(item => extra is null || extra(item))
            .Where(item => wanted.TrueForAll(f => f.ValueOf(profile, item) is { } value && f.Values!.Contains(value)));
        var (page, continueAfter) = parameters.TakePage(matching, this.PositionOf);
        var nextToken = parameters.NextToken(continueAfter);
        return new XmlQueryResult(writer => Ec2Xml.WriteDescribeResponse(writer, this.Action, request.RequestId, this.ListElement, nextToken, items =>
        {
            foreach (var item in page)
            {
                items.WriteStartElement("item");
                this.WriteItem(items, profile, item);
                items.WriteEndElement();
            }
        }));
    }
}
