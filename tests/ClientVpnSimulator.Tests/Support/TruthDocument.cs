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
    List<UserTruthDocument>? Users);

public sealed record PostureTotalsDocument(List<string> PostureStatuses, ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets);

public sealed record ConnectionGroupDocument(string Status, List<string> PostureStatuses, int Count);

public sealed record UserTruthDocument(string User, ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets, Dictionary<string, int> ConnectionsByStatus);

public sealed record ClockDocument(DateTime Now, bool Paused, double Speed);
