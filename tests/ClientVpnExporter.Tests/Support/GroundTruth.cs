using System.Text.Json.Serialization;

namespace ClientVpnExporter.Tests.Support;

/// <summary>The simulator's <c>/sim/truth</c> answer.</summary>
internal sealed record GroundTruth(
    DateTimeOffset Now,
    IReadOnlyList<EndpointTruth> Endpoints,
    IReadOnlyDictionary<string, long> Requests);

internal sealed record EndpointTruth(
    string EndpointId,
    bool Deleted,
    ulong IngressBytes,
    ulong EgressBytes,
    ulong IngressPackets,
    ulong EgressPackets,
    IReadOnlyList<PostureTotalsTruth> TotalsByPosture,
    IReadOnlyList<ConnectionGroupTruth> Connections,
    long ActiveUsers,
    IReadOnlyList<UserTruth>? Users)
{
    [JsonIgnore]
    public long ListedConnections => this.Connections.Sum(c => c.Count);
}

internal sealed record PostureTotalsTruth(IReadOnlyList<string> PostureStatuses, ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets);

internal sealed record ConnectionGroupTruth(string Status, IReadOnlyList<string> PostureStatuses, long Count);

internal sealed record UserTruth(string User, ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets, IReadOnlyDictionary<string, long> ConnectionsByStatus);
