namespace ClientVpnExporter.Tests.Support;

/// <summary>The simulator's ground truth of one endpoint's health (<c>/sim/truth</c>'s <c>health</c>), as the APIs report it now.</summary>
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

internal sealed record CertificateTruth(string Arn, DateTimeOffset NotAfter, string Status, string Type, string RenewalEligibility);

internal sealed record SamlProviderTruth(string Arn, DateTimeOffset ValidUntil);

internal sealed record RevocationListTruth(long Number, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate, IReadOnlyList<string> RevokedSerials, int RevokedCount, string Status);

internal sealed record TargetNetworkTruth(string AssociationId, string SubnetId, string AvailabilityZone, string Status);

internal sealed record RouteOrRuleTruth(string DestinationCidr, string? Target, string Status);

internal sealed record ClientConnectTruth(bool Enabled, string? LambdaFunctionArn, string Status);
