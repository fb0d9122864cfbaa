namespace ClientVpnSimulator.Tests.Support;

// The /sim/truth contract as a client reads it: declared here, not shared with the server, so the tests pin the JSON shape.
public sealed record TruthDocument(
    DateTime Now,
    List<EndpointTruthDocument> Endpoints,
    Dictionary<string, long> Requests,
    Dictionary<string, Dictionary<string, long>> RequestsByAccount,
    Dictionary<string, long> Faults);

public sealed record EndpointTruthDocument(
    string EndpointId,
    string AccountId,
    string Status,
    bool Deleted,
    ulong IngressBytes,
    ulong EgressBytes,
    ulong IngressPackets,
    ulong EgressPackets,
    List<PostureTotalsDocument> TotalsByPosture,
    List<ConnectionGroupDocument> Connections,
    int ActiveUsers,
    HealthTruthDocument Health,
    List<UserTruthDocument>? Users,
    ConnectionLogTruthDocument ConnectionLog);

public sealed record ConnectionLogTruthDocument(
    bool Enabled,
    string LogGroup,
    string LogStream,
    bool HandlerDeniesEveryone,
    DateTime? HandlerDeniesUntil,
    string? RepeatFailer,
    long EventsIngested,
    long EventsPending,
    double? NewestIngestedTimestamp,
    List<AttemptTruthDocument> Attempts,
    List<UserAttemptTruthDocument>? AttemptsByUser);

public sealed record AttemptTruthDocument(string Status, string Reason, long Count);

public sealed record UserAttemptTruthDocument(string User, string Status, long Count);

public sealed record HealthTruthDocument(
    CertificateTruthDocument ServerCertificate,
    CertificateTruthDocument? ClientRootCertificate,
    SamlProviderTruthDocument? SamlProvider,
    SamlProviderTruthDocument? SelfServiceSamlProvider,
    RevocationListTruthDocument? RevocationList,
    List<TargetNetworkTruthDocument> TargetNetworks,
    Dictionary<string, int> TargetNetworksByStatus,
    int ConnectionQuota,
    string ClientCidrBlock,
    long ClientCidrAddresses,
    List<RouteOrRuleTruthDocument> AuthorizationRules,
    Dictionary<string, int> AuthorizationRulesByStatus,
    List<RouteOrRuleTruthDocument> Routes,
    Dictionary<string, int> RoutesByStatus,
    ClientConnectTruthDocument ClientConnect);

public sealed record CertificateTruthDocument(string Arn, DateTime NotAfter, string Status, string Type, string RenewalEligibility);

public sealed record SamlProviderTruthDocument(string Arn, DateTime ValidUntil);

public sealed record RevocationListTruthDocument(long Number, DateTime ThisUpdate, DateTime NextUpdate, List<string> RevokedSerials, int RevokedCount, string Status);

public sealed record TargetNetworkTruthDocument(string AssociationId, string SubnetId, string AvailabilityZone, string Status);

public sealed record RouteOrRuleTruthDocument(string DestinationCidr, string? Target, string Status);

public sealed record ClientConnectTruthDocument(bool Enabled, string? LambdaFunctionArn, string Status);

public sealed record PostureTotalsDocument(List<string> PostureStatuses, ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets);

public sealed record ConnectionGroupDocument(string Status, List<string> PostureStatuses, int Count);

public sealed record UserTruthDocument(string User, ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets, Dictionary<string, int> ConnectionsByStatus);

public sealed record ClockDocument(DateTime Now, bool Paused, double Speed);
