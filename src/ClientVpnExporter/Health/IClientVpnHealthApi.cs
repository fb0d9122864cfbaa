namespace ClientVpnExporter.Health;

/// <summary>The EC2 reads of the health loop, each of one endpoint through one target, every page.</summary>
internal interface IClientVpnHealthApi
{
    /// <summary><c>DescribeClientVpnTargetNetworks</c>: every subnet association of the endpoint.</summary>
    Task<IReadOnlyList<TargetNetworkReading>> TargetNetworksAsync(Aws.AwsTarget target, string endpointId, CancellationToken cancellationToken);

    /// <summary><c>DescribeClientVpnAuthorizationRules</c>: the <c>status/code</c> of every authorization rule.</summary>
    Task<IReadOnlyList<string>> AuthorizationRuleStatusesAsync(Aws.AwsTarget target, string endpointId, CancellationToken cancellationToken);

    /// <summary><c>DescribeClientVpnRoutes</c>: the <c>status/code</c> of every route.</summary>
    Task<IReadOnlyList<string>> RouteStatusesAsync(Aws.AwsTarget target, string endpointId, CancellationToken cancellationToken);

    /// <summary><c>ExportClientVpnClientCertificateRevocationList</c>: the PEM CRL (empty when the endpoint has none) and its status.</summary>
    Task<ExportedCrl> ExportCrlAsync(Aws.AwsTarget target, string endpointId, CancellationToken cancellationToken);
}
