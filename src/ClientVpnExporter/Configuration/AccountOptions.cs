namespace ClientVpnExporter.Configuration;

/// <summary>
/// One AWS account to read, through an IAM role the exporter assumes with STS. The exporter's own
/// credentials (the SDK's default chain) must be allowed to assume it.
/// </summary>
public sealed class AccountOptions
{
    /// <summary>The role to assume, e.g. <c>arn:aws:iam::123456789012:role/clientvpn-exporter</c>.</summary>
    public string RoleArn { get; set; } = "";

    /// <summary>The external id the role's trust policy requires, if any.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The role session name, seen in CloudTrail.</summary>
    public string SessionName { get; set; } = "clientvpn-exporter";

    /// <summary>Regions to read in this account; empty: <see cref="ExporterOptions.Regions"/>.</summary>
    public List<string> Regions { get; set; } = [];
}
