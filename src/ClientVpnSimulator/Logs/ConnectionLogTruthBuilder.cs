using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Logs;

/// <summary>Counts an endpoint's connection log as an exporter reading all of it would; runs inside the fleet lock.</summary>
internal static class ConnectionLogTruthBuilder
{
    /// <summary>
    /// The truth of <paramref name="endpoint"/>'s log at <paramref name="nowMs"/>, counting attempts whose timestamp is
    /// at or after <paramref name="sinceMs"/> (null: all, those dropped by retention included).
    /// </summary>
    public static ConnectionLogTruth Build(long nowMs, SimulatedEndpoint endpoint, bool includeUsers, long? sinceMs)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var log = endpoint.Log;
        var attempts = new Dictionary<(string Status, string Reason), long>();
        var byUser = new Dictionary<(string User, string Status), long>();
        if (sinceMs is null)
        {
            foreach (var ((status, reason), count) in log.PrunedAttempts)
            {
                Add(attempts, (AttemptReasons.StatusLabel(status), AttemptReasons.Label(reason)), count);
            }

            foreach (var ((user, status), count) in log.PrunedByUser)
            {
                Add(byUser, (user.Key, AttemptReasons.StatusLabel(status)), count);
            }
        }

        long ingested = 0, pending = log.EventsAhead;
        long? newest = null;
        foreach (var entry in log.Events)
        {
            if (!entry.IsIngestedAt(nowMs))
            {
                pending++;
                continue;
            }

            ingested++;
            newest = Math.Max(newest ?? long.MinValue, entry.TimestampMs);
            if (entry.Kind != ConnectionLogEntryKind.Attempt || entry.TimestampMs < (sinceMs ?? long.MinValue))
            {
                continue;
            }

            var status = AttemptReasons.StatusLabel(entry.AttemptStatus);
            Add(attempts, (status, AttemptReasons.Label(entry.Reason)), 1);
            Add(byUser, (entry.User.Key, status), 1);
        }

        var until = endpoint.HandlerDeniesUntilMs;
        return new ConnectionLogTruth(
            endpoint.Profile.ConnectionLogEnabled,
            endpoint.Profile.ConnectionLogGroup,
            endpoint.Profile.ConnectionLogStream,
            nowMs < until,
            nowMs < until && until != long.MaxValue ? SimulatedTime.ToUtcDateTime(until) : null,
            log.RepeatFailer?.Key,
            ingested,
            pending,
            newest / 1000.0,
            [.. attempts
                .OrderBy(a => a.Key.Status, StringComparer.Ordinal)
                .ThenBy(a => a.Key.Reason, StringComparer.Ordinal)
                .Select(a => new AttemptTruth(a.Key.Status, a.Key.Reason, a.Value))],
            includeUsers
                ? [.. byUser
                    .OrderBy(u => u.Key.User, StringComparer.Ordinal)
                    .ThenBy(u => u.Key.Status, StringComparer.Ordinal)
                    .Select(u => new UserAttemptTruth(u.Key.User, u.Key.Status, u.Value))]
                : null);
    }

    private static void Add<TKey>(Dictionary<TKey, long> counts, TKey key, long count)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + count;
}
