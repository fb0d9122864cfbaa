using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Faults;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Logs;

namespace ClientVpnSimulator.Control;

/// <summary>Computes ground truth from the fleet; runs inside the fleet lock, so it sees one instant.</summary>
internal static class GroundTruthBuilder
{
    /// <summary>The truth of every endpoint at <paramref name="nowMs"/>; connection-log attempts from <paramref name="attemptsSinceMs"/> (null: all).</summary>
    public static GroundTruth Build(
        long nowMs,
        IReadOnlyList<SimulatedEndpoint> endpoints,
        bool includeUsers,
        long? attemptsSinceMs,
        IReadOnlyDictionary<string, long> requests,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> requestsByAccount,
        FaultTotals faults)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return new GroundTruth(
            SimulatedTime.ToUtcDateTime(nowMs),
            [.. endpoints.Select(e => BuildEndpoint(nowMs, e, includeUsers, attemptsSinceMs))],
            requests,
            requestsByAccount,
            faults);
    }

    private static EndpointTruth BuildEndpoint(long nowMs, SimulatedEndpoint endpoint, bool includeUsers, long? attemptsSinceMs)
    {
        var totals = endpoint.RetiredTotals;
        var byPosture = endpoint.Postures.Profiles
            .Where(p => p.ConnectionsEver > 0)
            .ToDictionary(p => p, p => p.RetiredTotals);
        var groups = new Dictionary<(ConnectionStatus Status, PostureProfile Posture), int>();
        var activeUsers = new HashSet<SimulatedUser>();
        var users = new Dictionary<SimulatedUser, (SimulatedTraffic Totals, SortedDictionary<ConnectionStatus, int> ByStatus)>();
        if (includeUsers)
        {
            foreach (var user in endpoint.Users.Where(u => u.ConnectionsEver > 0))
            {
                users[user] = (user.RetiredTotals, []);
            }
        }

        foreach (var connection in endpoint.Listing.All())
        {
            var counters = connection.CountersAt(nowMs);
            var status = connection.StatusAt(nowMs);
            totals += counters;
            byPosture[connection.Posture] += counters;
            groups[(status, connection.Posture)] = groups.GetValueOrDefault((status, connection.Posture)) + 1;
            if (status == ConnectionStatus.Active)
            {
                activeUsers.Add(connection.User);
            }

            if (includeUsers)
            {
                var (userTotals, byStatus) = users[connection.User];
                byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                users[connection.User] = (userTotals + counters, byStatus);
            }
        }

        return new EndpointTruth(
            endpoint.Profile.Id,
            endpoint.Profile.AccountId,
            endpoint.Profile.StatusCode,
            endpoint.IsDeleted,
            totals.IngressBytes,
            totals.EgressBytes,
            totals.IngressPackets,
            totals.EgressPackets,
            [.. byPosture
                .OrderBy(p => p.Key.Key, StringComparer.Ordinal)
                .Select(p => new PostureTruth(p.Key.Statuses, p.Value.IngressBytes, p.Value.EgressBytes, p.Value.IngressPackets, p.Value.EgressPackets))],
            [.. groups
                .OrderBy(g => g.Key.Status)
                .ThenBy(g => g.Key.Posture.Key, StringComparer.Ordinal)
                .Select(g => new ConnectionGroup(g.Key.Status.Code(), g.Key.Posture.Statuses, g.Value))],
            activeUsers.Select(u => u.Key).Distinct(StringComparer.Ordinal).Count(),
            HealthTruthBuilder.Build(nowMs, endpoint),
            includeUsers
                ? [.. users
                    .OrderBy(u => u.Key.Key, StringComparer.Ordinal)
                    .Select(u => new UserTruth(
                        u.Key.Key,
                        u.Value.Totals.IngressBytes,
                        u.Value.Totals.EgressBytes,
                        u.Value.Totals.IngressPackets,
                        u.Value.Totals.EgressPackets,
                        u.Value.ByStatus.ToDictionary(s => s.Key.Code(), s => s.Value, StringComparer.Ordinal)))]
                : null,
            ConnectionLogTruthBuilder.Build(nowMs, endpoint, includeUsers, attemptsSinceMs));
    }
}
