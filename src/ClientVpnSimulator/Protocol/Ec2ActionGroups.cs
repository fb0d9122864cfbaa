namespace ClientVpnSimulator.Protocol;

/// <summary>The EC2 actions that fault rules treat alike.</summary>
internal static class Ec2ActionGroups
{
    /// <summary>The actions on one endpoint, named by their <c>ClientVpnEndpointId</c>: what a rule's <c>endpointId</c> and <c>endpointNotFound</c> apply to.</summary>
    public static IReadOnlySet<string> PerEndpoint { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        DescribeClientVpnConnectionsAction.ActionName,
        DescribeClientVpnTargetNetworksAction.ActionName,
        DescribeClientVpnAuthorizationRulesAction.ActionName,
        DescribeClientVpnRoutesAction.ActionName,
        ExportClientVpnClientCertificateRevocationListAction.ActionName,
    };

    /// <summary>The paginated Describe actions: what <c>untidyPageRate</c> applies to.</summary>
    public static IReadOnlySet<string> Paginated { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        DescribeClientVpnEndpointsAction.ActionName,
        DescribeClientVpnConnectionsAction.ActionName,
        DescribeClientVpnTargetNetworksAction.ActionName,
        DescribeClientVpnAuthorizationRulesAction.ActionName,
        DescribeClientVpnRoutesAction.ActionName,
    };
}
