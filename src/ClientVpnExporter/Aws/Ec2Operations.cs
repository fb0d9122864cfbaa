namespace ClientVpnExporter.Aws;

/// <summary>The EC2 API actions the exporter calls, as the <c>operation</c> label and for IAM policies.</summary>
internal static class Ec2Operations
{
    public const string DescribeClientVpnEndpoints = "DescribeClientVpnEndpoints";
    public const string DescribeClientVpnConnections = "DescribeClientVpnConnections";
    public const string DescribeClientVpnTargetNetworks = "DescribeClientVpnTargetNetworks";
    public const string DescribeClientVpnAuthorizationRules = "DescribeClientVpnAuthorizationRules";
    public const string DescribeClientVpnRoutes = "DescribeClientVpnRoutes";
    public const string ExportClientVpnClientCertificateRevocationList = "ExportClientVpnClientCertificateRevocationList";

    /// <summary>The regions enabled in an account, with <c>Regions: [all]</c> (<see cref="EnabledRegions"/>).</summary>
    public const string DescribeRegions = "DescribeRegions";
}
