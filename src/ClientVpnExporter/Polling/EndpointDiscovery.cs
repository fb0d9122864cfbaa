using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Finds the Client VPN endpoints of a region with DescribeClientVpnEndpoints, every page, and keeps those
/// the configuration asks for: the listed ids, or all, narrowed by tags (the API has no tag filter).
/// </summary>
internal sealed class EndpointDiscovery(ExporterOptions options, ExporterSelfMetrics selfMetrics)
{
    public async Task<IReadOnlyList<EndpointDescription>> DiscoverAsync(IAmazonEC2 client, string region, string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new DescribeClientVpnEndpointsRequest { MaxResults = options.PageSize };
        var found = new List<EndpointDescription>();
        await ApiPages.ReadAllAsync(
            client.Paginators.DescribeClientVpnEndpoints(request).Responses,
            page =>
            {
                foreach (var endpoint in page.ClientVpnEndpoints ?? [])
                {
                    if (!this.IsListed(endpoint))
                    {
                        continue;
                    }

                    // Tags are matched on the description's, so they are read from the response only once.
                    var description = Describe(endpoint, region, accountId);
                    if (this.HasWantedTags(description))
                    {
                        found.Add(description);
                    }
                }
            },
            selfMetrics,
            Ec2Operations.DescribeClientVpnEndpoints,
            region,
            accountId,
            cancellationToken);

        return found;
    }

    private static EndpointDescription Describe(ClientVpnEndpoint endpoint, string region, string accountId)
    {
        var tags = (endpoint.Tags ?? [])
            .Where(t => t.Key is not null)
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal);

        return new EndpointDescription
        {
            EndpointId = endpoint.ClientVpnEndpointId,
            Region = region,
            AccountId = accountId,
            Name = tags.GetValueOrDefault("Name", ""),
            Status = endpoint.Status?.Code?.Value ?? "",
            Transport = endpoint.TransportProtocol?.Value ?? "",
            VpnPort = endpoint.VpnPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            VpcId = endpoint.VpcId ?? "",
            Authentication = string.Join(',', (endpoint.AuthenticationOptions ?? [])
                .Select(a => a.Type?.Value)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)),
            SplitTunnel = endpoint.SplitTunnel is { } split ? (split ? "true" : "false") : "",
            Tags = tags,
        };
    }

    private bool IsListed(ClientVpnEndpoint endpoint) =>
        !string.IsNullOrEmpty(endpoint.ClientVpnEndpointId)
        && (options.EndpointIds.Count == 0 || options.EndpointIds.Contains(endpoint.ClientVpnEndpointId, StringComparer.Ordinal));

    private bool HasWantedTags(EndpointDescription endpoint)
    {
        foreach (var (key, values) in options.EndpointTags)
        {
            if (!endpoint.Tags.TryGetValue(key, out var value) || (values.Count > 0 && !values.Contains(value, StringComparer.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }
}
