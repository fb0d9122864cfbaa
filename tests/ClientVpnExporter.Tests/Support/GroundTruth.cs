using System.Text.Json.Serialization;

namespace ClientVpnExporter.Tests.Support;

/// <summary>The simulator's <c>/sim/truth</c> answer.</summary>
internal sealed record GroundTruth(
    DateTimeOffset Now,
    IReadOnlyList<EndpointTruth> Endpoints,
    IReadOnlyDictionary<string, long> Requests)
{
    /// <summary>
    /// What happened since <paramref name="baseline"/> (the truth at an exporter's first poll), the view an exporter's
    /// counters have: each total minus its value then, an endpoint or user that did not exist then whole. Gauges
    /// (connections listed, active users) are as they are now.
    /// </summary>
    public GroundTruth Since(GroundTruth baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var before = baseline.Endpoints.ToDictionary(e => e.EndpointId);
        return this with { Endpoints = [.. this.Endpoints.Select(e => before.TryGetValue(e.EndpointId, out var then) ? e.Since(then) : e)] };
    }
}

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
    IReadOnlyList<UserTruth>? Users,
    HealthTruth? Health = null,
    ConnectionLogTruth? ConnectionLog = null)
{
    [JsonIgnore]
    public long ListedConnections => this.Connections.Sum(c => c.Count);

    /// <summary>
    /// This endpoint's truth since <paramref name="then"/>. A user or posture the exporter cannot know is left out: one
    /// that existed then but was not listed (its sessions had aged out of the API's window), has not been listed
    /// since and moved nothing since.
    /// </summary>
    public EndpointTruth Since(EndpointTruth then)
    {
        ArgumentNullException.ThrowIfNull(then);
        var posturesThen = then.TotalsByPosture.ToDictionary(p => Key(p.PostureStatuses));
        var posturesListed = then.Connections.Concat(this.Connections).Select(c => Key(c.PostureStatuses)).ToHashSet();
        var usersThen = (then.Users ?? []).ToDictionary(u => u.User);
        var usersListed = (then.Users ?? []).Concat(this.Users ?? []).Where(u => u.ConnectionsByStatus.Values.Any(n => n > 0)).Select(u => u.User).ToHashSet();
        return this with
        {
            IngressBytes = this.IngressBytes - then.IngressBytes,
            EgressBytes = this.EgressBytes - then.EgressBytes,
            IngressPackets = this.IngressPackets - then.IngressPackets,
            EgressPackets = this.EgressPackets - then.EgressPackets,
            TotalsByPosture = [.. this.TotalsByPosture
                .Select(p => posturesThen.TryGetValue(Key(p.PostureStatuses), out var old)
                    ? p with { IngressBytes = p.IngressBytes - old.IngressBytes, EgressBytes = p.EgressBytes - old.EgressBytes, IngressPackets = p.IngressPackets - old.IngressPackets, EgressPackets = p.EgressPackets - old.EgressPackets }
                    : p)
                .Where(p => !posturesThen.ContainsKey(Key(p.PostureStatuses)) || posturesListed.Contains(Key(p.PostureStatuses)) || p.IngressBytes + p.EgressBytes > 0)],
            Users = this.Users?
                .Select(u => usersThen.TryGetValue(u.User, out var old)
                    ? u with { IngressBytes = u.IngressBytes - old.IngressBytes, EgressBytes = u.EgressBytes - old.EgressBytes, IngressPackets = u.IngressPackets - old.IngressPackets, EgressPackets = u.EgressPackets - old.EgressPackets }
                    : u)
                .Where(u => !usersThen.ContainsKey(u.User) || usersListed.Contains(u.User) || u.IngressBytes + u.EgressBytes > 0)
                .ToList(),
        };
    }

    private static string Key(IReadOnlyList<string> postureStatuses) => string.Join('\n', postureStatuses);
}

internal sealed record PostureTotalsTruth(IReadOnlyList<string> PostureStatuses, ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets);

internal sealed record ConnectionGroupTruth(string Status, IReadOnlyList<string> PostureStatuses, long Count);

internal sealed record UserTruth(string User, ulong IngressBytes, ulong EgressBytes, ulong IngressPackets, ulong EgressPackets, IReadOnlyDictionary<string, long> ConnectionsByStatus);
