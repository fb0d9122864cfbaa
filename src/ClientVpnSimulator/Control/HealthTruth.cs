namespace ClientVpnSimulator.Control;

/// <summary>The ground truth of what decides whether clients can connect to an endpoint, as the APIs report it now.</summary>
/// <param name="ServerCertificate">The ACM server certificate.</param>
/// <param name="ClientRootCertificate">The ACM client root chain (certificate authentication); null otherwise.</param>
/// <param name="SamlProvider">The IAM SAML provider (federated authentication); null otherwise.</param>
/// <param name="SelfServiceSamlProvider">The self-service portal's SAML provider (federated authentication); null otherwise.</param>
/// <param name="RevocationList">The CRL imported; null when none is (the export then has none).</param>
/// <param name="TargetNetworks">The subnet associations, in listing order.</param>
/// <param name="TargetNetworksByStatus">The associations counted by status (statuses without any left out).</param>
/// <param name="ConnectionQuota">The concurrent-connection quota that the associated subnets give (0 with none associated).</param>
/// <param name="ClientCidrBlock">The client CIDR block.</param>
/// <param name="ClientCidrAddresses">The addresses it holds.</param>
/// <param name="AuthorizationRules">The rules, in listing order (their index is what the control API names).</param>
/// <param name="AuthorizationRulesByStatus">The rules counted by status.</param>
/// <param name="Routes">The routes, in listing order (their index is what the control API names).</param>
/// <param name="RoutesByStatus">The routes counted by status.</param>
/// <param name="ClientConnect">The client-connect handler.</param>
internal sealed record HealthTruth(
    CertificateTruth ServerCertificate,
    CertificateTruth? ClientRootCertificate,
    SamlProviderTruth? SamlProvider,
    SamlProviderTruth? SelfServiceSamlProvider,
    RevocationListTruth? RevocationList,
    IReadOnlyList<TargetNetworkTruth> TargetNetworks,
    IReadOnlyDictionary<string, int> TargetNetworksByStatus,
    int ConnectionQuota,
    string ClientCidrBlock,
    long ClientCidrAddresses,
    IReadOnlyList<RouteOrRuleTruth> AuthorizationRules,
    IReadOnlyDictionary<string, int> AuthorizationRulesByStatus,
    IReadOnlyList<RouteOrRuleTruth> Routes,
    IReadOnlyDictionary<string, int> RoutesByStatus,
    ClientConnectTruth ClientConnect);
