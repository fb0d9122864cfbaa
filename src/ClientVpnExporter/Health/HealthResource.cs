namespace ClientVpnExporter.Health;

/// <summary>
/// What the health loop reads of an endpoint, each read (and failing) on its own: the <c>resource</c> label of
/// <c>clientvpn_endpoint_health_last_success_timestamp_seconds</c> (<see cref="HealthResources.Label"/>).
/// </summary>
internal enum HealthResource
{
    /// <summary>The server and client root certificates (<c>acm:DescribeCertificate</c>).</summary>
    Certificates,

    /// <summary>The client certificate revocation list (<c>ec2:ExportClientVpnClientCertificateRevocationList</c>).</summary>
    Crl,

    /// <summary>The SAML providers of a federated endpoint (<c>iam:GetSAMLProvider</c>).</summary>
    SamlProviders,

    /// <summary>The subnet associations (<c>ec2:DescribeClientVpnTargetNetworks</c>).</summary>
    TargetNetworks,

    /// <summary>The authorization rules (<c>ec2:DescribeClientVpnAuthorizationRules</c>).</summary>
    AuthorizationRules,

    /// <summary>The routes (<c>ec2:DescribeClientVpnRoutes</c>).</summary>
    Routes,
}
