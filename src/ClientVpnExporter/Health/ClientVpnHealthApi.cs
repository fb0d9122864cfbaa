using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Health;

/// <summary>
/// The health loop's EC2 reads through each target's client, so they share its API budget, retries and self metrics:
/// the paginated ones through the SDK's paginators, every page counted (<see cref="ApiPages"/>).
/// </summary>
internal sealed class ClientVpnHealthApi(IOptions<ExporterOptions> options, AwsApiMetrics metrics) : IClientVpnHealthApi
{
    private readonly int pageSize = options.Value.PageSize;

    public async Task<IReadOnlyList<TargetNetworkReading>> TargetNetworksAsync(AwsTarget target, string endpointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var found = new List<TargetNetworkReading>();
        var request = new DescribeClientVpnTargetNetworksRequest { ClientVpnEndpointId = endpointId, MaxResults = this.pageSize };
        await ApiPages.ReadAllAsync(
            target.Client.Paginators.DescribeClientVpnTargetNetworks(request).Responses,
            page => found.AddRange((page.ClientVpnTargetNetworks ?? []).Select(n => new TargetNetworkReading(
                n.AssociationId ?? "",
                n.TargetNetworkId ?? "",
                n.VpcId ?? "",
                string.Join(',', (n.AvailabilityZones ?? []).Where(z => !string.IsNullOrEmpty(z)).Order(StringComparer.Ordinal)),
                n.Status?.Code?.Value ?? ""))),
            metrics,
            target,
            Ec2Operations.DescribeClientVpnTargetNetworks,
            cancellationToken);
        return found;
    }

    public async Task<IReadOnlyList<string>> AuthorizationRuleStatusesAsync(AwsTarget target, string endpointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var statuses = new List<string>();
        var request = new DescribeClientVpnAuthorizationRulesRequest { ClientVpnEndpointId = endpointId, MaxResults = this.pageSize };
        await ApiPages.ReadAllAsync(
            target.Client.Paginators.DescribeClientVpnAuthorizationRules(request).Responses,
            page => statuses.AddRange((page.AuthorizationRules ?? []).Select(r => r.Status?.Code?.Value ?? "")),
            metrics,
            target,
            Ec2Operations.DescribeClientVpnAuthorizationRules,
            cancellationToken);
        return statuses;
    }

    public async Task<IReadOnlyList<string>> RouteStatusesAsync(AwsTarget target, string endpointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var statuses = new List<string>();
        var request = new DescribeClientVpnRoutesRequest { ClientVpnEndpointId = endpointId, MaxResults = this.pageSize };
        await ApiPages.ReadAllAsync(
            target.Client.Paginators.DescribeClientVpnRoutes(request).Responses,
            page => statuses.AddRange((page.Routes ?? []).Select(r => r.Status?.Code?.Value ?? "")),
            metrics,
            target,
            Ec2Operations.DescribeClientVpnRoutes,
            cancellationToken);
        return statuses;
    }

    public async Task<ExportedCrl> ExportCrlAsync(AwsTarget target, string endpointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ExportClientVpnClientCertificateRevocationListResponse response;
        try
        {
            response = await target.Client.ExportClientVpnClientCertificateRevocationListAsync(
                new ExportClientVpnClientCertificateRevocationListRequest { ClientVpnEndpointId = endpointId },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Request(target, Ec2Operations.ExportClientVpnClientCertificateRevocationList, ApiOutcome.Of(ex));
            throw;
        }

        metrics.Request(target, Ec2Operations.ExportClientVpnClientCertificateRevocationList, ApiOutcome.Success);
        return new ExportedCrl(response.CertificateRevocationList ?? "", response.Status?.Code?.Value ?? "");
    }
}
