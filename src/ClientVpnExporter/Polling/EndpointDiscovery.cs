using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Finds the Client VPN endpoints of a region with DescribeClientVpnEndpoints, every page, and keeps those
/// the configuration asks for: the listed ids, or all, narrowed by tags (the API has no tag filter).
/// </summary>
internal sealed class EndpointDiscovery(IOptions<ExporterOptions> settings, AwsApiMetrics metrics)
{
    private readonly ExporterOptions options = settings.Value;

    public async Task<IReadOnlyList<EndpointDescription>> DiscoverAsync(AwsTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var request = new DescribeClientVpnEndpointsRequest { MaxResults = this.options.PageSize };
        var found = new List<EndpointDescription>();
        await ApiPages.ReadAllAsync(
            target.Client.Paginators.DescribeClientVpnEndpoints(request).Responses,
            page =>
            {
                foreach (var endpoint in page.ClientVpnEndpoints ?? [])
                {
                    if (!this.IsListed(endpoint))
                    {
                        continue;
                    }

                    // Tags are matched on the description's, so they are read from the response only once.
                    var description = Describe(endpoint, target);
                    if (this.HasWantedTags(description))
                    {
                        found.Add(description);
                    }
                }
            },
            metrics,
            target,
            Ec2Operations.DescribeClientVpnEndpoints,
            cancellationToken);

        return found;
    }

    private static EndpointDescription Describe(ClientVpnEndpoint endpoint, AwsTarget target)
    {
        var tags = (endpoint.Tags ?? [])
            .Where(t => t.Key is not null)
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal);

        return new EndpointDescription
        {
            EndpointId = endpoint.ClientVpnEndpointId,
            Region = target.Region,
            AccountId = target.AccountId,
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
            ServerCertificateArn = endpoint.ServerCertificateArn ?? "",
            ClientRootCertificateChainArn = FirstOf(endpoint, a => a.MutualAuthentication?.ClientRootCertificateChain),
            SamlProviderArn = FirstOf(endpoint, a => a.FederatedAuthentication?.SamlProviderArn),
            SelfServiceSamlProviderArn = FirstOf(endpoint, a => a.FederatedAuthentication?.SelfServiceSamlProviderArn),
            ClientCidrBlock = endpoint.ClientCidrBlock ?? "",
            ClientConnectEnabled = endpoint.ClientConnectOptions?.Enabled ?? false,
            ClientConnectStatus = endpoint.ClientConnectOptions?.Status?.Code?.Value ?? "",
            ConnectionLogEnabled = endpoint.ConnectionLogOptions?.Enabled ?? false,
            ConnectionLogGroup = endpoint.ConnectionLogOptions?.CloudwatchLogGroup ?? "",
            ConnectionLogStream = endpoint.ConnectionLogOptions?.CloudwatchLogStream ?? "",
        };
    }

    /// <summary>The first authentication option's non-empty value of <paramref name="field"/>: an endpoint has at most one of each kind.</summary>
    private static string FirstOf(ClientVpnEndpoint endpoint, Func<ClientVpnAuthentication, string?> field) =>
        (endpoint.AuthenticationOptions ?? []).Select(field).FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";

    private bool IsListed(ClientVpnEndpoint endpoint) =>
        !string.IsNullOrEmpty(endpoint.ClientVpnEndpointId)
        && (this.options.EndpointIds.Count == 0 || this.options.EndpointIds.Contains(endpoint.ClientVpnEndpointId, StringComparer.Ordinal));

    private bool HasWantedTags(EndpointDescription endpoint)
    {
        foreach (var (key, values) in this.options.EndpointTags)
        {
            if (!endpoint.Tags.TryGetValue(key, out var value) || (values.Count > 0 && !values.Contains(value, StringComparer.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }
}
