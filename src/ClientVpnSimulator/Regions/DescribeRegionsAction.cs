using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Regions;

/// <summary>
/// EC2 <c>DescribeRegions</c>: the regions enabled in the request's account (<c>opt-in-not-required</c> or <c>opted-in</c>),
/// and with <c>AllRegions=true</c> also the opt-in regions it has not enabled (<c>not-opted-in</c>); by name, not paginated.
/// </summary>
internal sealed class DescribeRegionsAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "DescribeRegions";

    private const string RegionNameFilter = "region-name";
    private const string OptInStatusFilter = "opt-in-status";
    private const string EndpointFilter = "endpoint";
    private readonly AccountRegions regions;

    /// <summary>Describes the regions of <paramref name="regions"/>'s accounts.</summary>
    public DescribeRegionsAction(AccountRegions regions)
    {
        this.regions = regions;
    }

    /// <inheritdoc/>
    public string Name => ActionName;

    /// <inheritdoc/>
    public AwsService Service => AwsService.Ec2;

    /// <summary>The endpoint AWS gives a region's EC2.</summary>
    public static string EndpointOf(string region) => $"ec2.{region}.amazonaws.com";

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filters = request.GetFilters();
        foreach (var filter in filters.Where(f => f.Name is not (RegionNameFilter or OptInStatusFilter or EndpointFilter)))
        {
            throw new QueryErrorException(QueryError.InvalidParameterValue($"The filter '{filter.Name}' is invalid"));
        }

        var allRegions = request.Get("AllRegions") switch
        {
            null => false,
            var text when bool.TryParse(text, out var value) => value,
            var text => throw new QueryErrorException(QueryError.InvalidParameterValue($"Invalid value '{text}' for AllRegions")),
        };
        var names = request.GetList("RegionName");
        if (request.IsDryRun)
        {
            throw new QueryErrorException(QueryError.DryRunOperation());
        }

        var enabled = this.regions.EnabledIn(request.AccountId);
        var listed = enabled.Select(r => (Name: r, Status: RegionCatalog.OptInStatus(r, enabled: true)))
            .Concat(allRegions ? RegionCatalog.OptIn.Except(enabled, StringComparer.Ordinal).Select(r => (Name: r, Status: RegionCatalog.NotOptedIn)) : [])
            .ToList();
        foreach (var name in names.Where(n => !listed.Any(r => r.Name == n)))
        {
            throw new QueryErrorException(QueryError.InvalidParameterValue($"Invalid region: {name}"));
        }

        var shown = listed
            .Where(r => names.Count == 0 || names.Contains(r.Name, StringComparer.Ordinal))
            .Where(r => filters.All(f => f.Values.Contains(f.Name switch
            {
                RegionNameFilter => r.Name,
                OptInStatusFilter => r.Status,
                _ => EndpointOf(r.Name),
            }, StringComparer.Ordinal)))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return new XmlQueryResult(writer => Ec2Xml.WriteDescribeResponse(writer, ActionName, request.RequestId, "regionInfo", nextToken: null, items =>
        {
            foreach (var (name, status) in shown)
            {
                items.WriteStartElement("item");
                items.WriteElementString("regionName", name);
                items.WriteElementString("regionEndpoint", EndpointOf(name));
                items.WriteElementString("optInStatus", status);
                items.WriteEndElement();
            }
        }));
    }
}
