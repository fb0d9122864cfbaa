namespace ClientVpnExporter.Health;

/// <summary>Each <see cref="HealthResource"/>'s label value and the IAM action that reads it.</summary>
internal static class HealthResources
{
    public static IReadOnlyList<HealthResource> All { get; } = Enum.GetValues<HealthResource>();

    /// <summary>The <c>resource</c> label: <c>certificates</c>, <c>crl</c>, <c>saml_providers</c>, <c>target_networks</c>, <c>authorization_rules</c>, <c>routes</c>.</summary>
    public static string Label(HealthResource resource) => resource switch
    {
        HealthResource.Certificates => "certificates",
        HealthResource.Crl => "crl",
        HealthResource.SamlProviders => "saml_providers",
        HealthResource.TargetNetworks => "target_networks",
        HealthResource.AuthorizationRules => "authorization_rules",
        HealthResource.Routes => "routes",
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, null),
    };

    /// <summary>The IAM action to grant for the resource to be read, as a denied read's log line names it.</summary>
    public static string Action(HealthResource resource) => resource switch
    {
        HealthResource.Certificates => "acm:DescribeCertificate",
        HealthResource.Crl => "ec2:ExportClientVpnClientCertificateRevocationList",
        HealthResource.SamlProviders => "iam:GetSAMLProvider",
        HealthResource.TargetNetworks => "ec2:DescribeClientVpnTargetNetworks",
        HealthResource.AuthorizationRules => "ec2:DescribeClientVpnAuthorizationRules",
        HealthResource.Routes => "ec2:DescribeClientVpnRoutes",
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, null),
    };
}
