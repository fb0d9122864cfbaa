using System.Runtime.InteropServices;
using ClientVpnExporter.Parsing;

namespace ClientVpnExporter.State;

/// <summary>
/// Keeps the exact, monotonic traffic totals of one endpoint. It remembers what each connection id last
/// reported and adds only the increase, so totals survive sessions ending, sessions ageing out of the API's
/// 60-minute window, and sessions first seen already terminated. Only complete listings may be applied:
/// a connection missing from the listing is taken to have aged out.
/// </summary>
internal sealed class EndpointLedger
{
    private readonly Dictionary<string, ConnectionEntry> connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrafficCounters> totalsByPosture = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserEntry> users = new(StringComparer.Ordinal);
    private readonly TimeSpan userRetention;
    private int applied;

    /// <param name="userRetention">How long a user's totals are kept after their last listed connection.</param>
    public EndpointLedger(TimeSpan userRetention)
    {
        this.userRetention = userRetention;
    }

    /// <summary>The number of connection ids followed, for tests and self-observation.</summary>
    public int TrackedConnections => this.connections.Count;

    /// <summary>
    /// Applies one complete listing of the endpoint's connections and returns the reading to publish.
    /// </summary>
    /// <param name="listing">Every connection the API listed in this poll.</param>
    /// <param name="now">When the poll completed; used for user retention.</param>
    /// <param name="detail">Which detail series to build.</param>
    /// <param name="endedSessions">Receives each session seen ended for the first time.</param>
    public EndpointReading Apply(
        IReadOnlyList<ParsedConnection> listing,
        DateTimeOffset now,
        ReadingDetail detail,
        ICollection<EndedSession> endedSessions)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(endedSessions);

        // Each entry remembers the last listing it was in: that finds repeats within a listing and the entries
        // of connections no longer listed, without a set of this listing's ids.
        var thisListing = ++this.applied;
        var listed = 0;
        var counts = new Dictionary<(string Status, string Posture), long>();
        var activeUsers = new HashSet<string>(StringComparer.Ordinal);
        var userStatuses = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var connectionSeries = detail.HasFlag(ReadingDetail.Connections) ? new List<ConnectionSeries>(listing.Count) : null;

        foreach (var connection in listing)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(this.connections, connection.ConnectionId, out _);
            var entry = slot ??= new ConnectionEntry();
            if (entry.Listing == thisListing)
            {
                // Pages can repeat a connection when the listing shifts between requests; count it once.
                continue;
            }

            entry.Listing = thisListing;
            listed++;
            var current = connection.CountersOr(entry.Last);
            var increase = current.IncreaseSince(entry.Last);
            entry.Last = entry.Last.Max(current);

            ref var postureTotals = ref CollectionsMarshal.GetValueRefOrAddDefault(this.totalsByPosture, connection.Posture, out _);
            postureTotals += increase;
            this.AddToUser(connection.User, increase, now);

            if (connection.EndedAt is { } ended && !entry.EndObserved)
            {
                entry.EndObserved = true;
                if (connection.EstablishedAt is { } established)
                {
                    var duration = ended - established;
                    endedSessions.Add(new EndedSession(connection.Posture, duration < TimeSpan.Zero ? TimeSpan.Zero : duration));
                }
            }

            CollectionsMarshal.GetValueRefOrAddDefault(counts, (connection.Status, connection.Posture), out _)++;
            if (connection.IsActive)
            {
                activeUsers.Add(connection.User);
            }

            if (detail.HasFlag(ReadingDetail.Users))
            {
                if (!userStatuses.TryGetValue(connection.User, out var byStatus))
                {
                    byStatus = new Dictionary<string, long>(StringComparer.Ordinal);
                    userStatuses.Add(connection.User, byStatus);
                }

                CollectionsMarshal.GetValueRefOrAddDefault(byStatus, connection.Status, out _)++;
            }

            connectionSeries?.Add(new ConnectionSeries(connection, entry.Last));
        }

        this.ForgetConnectionsNotIn(thisListing, listed);
        this.ForgetUsersUnseenSince(now - this.userRetention);

        return new EndpointReading
        {
            ConnectionCounts = [.. counts.Select(c => new ConnectionCount(c.Key.Status, c.Key.Posture, c.Value))],
            ActiveUsers = activeUsers.Count,
            Totals = [.. this.totalsByPosture.Select(t => new PostureTotals(t.Key, t.Value))],
            Users = detail.HasFlag(ReadingDetail.Users) ? this.BuildUserSeries(userStatuses) : [],
            Connections = connectionSeries ?? [],
        };
    }

    private void AddToUser(string user, TrafficCounters increase, DateTimeOffset now)
    {
        var entry = CollectionsMarshal.GetValueRefOrAddDefault(this.users, user, out _) ??= new UserEntry();
        entry.Totals += increase;
        entry.LastSeen = now;
    }

    private void ForgetConnectionsNotIn(int listing, int listed)
    {
        if (this.connections.Count == listed)
        {
            return;
        }

        // Removing while enumerating is allowed for Dictionary, and spares a list of the ids to remove.
        foreach (var (id, entry) in this.connections)
        {
            if (entry.Listing != listing)
            {
                this.connections.Remove(id);
            }
        }
    }

    private void ForgetUsersUnseenSince(DateTimeOffset cutoff)
    {
        foreach (var (user, entry) in this.users)
        {
            if (entry.LastSeen < cutoff)
            {
                this.users.Remove(user);
            }
        }
    }

    private List<UserSeries> BuildUserSeries(Dictionary<string, Dictionary<string, long>> userStatuses)
    {
        var series = new List<UserSeries>(this.users.Count);
        foreach (var (user, entry) in this.users)
        {
            IReadOnlyDictionary<string, long> byStatus = userStatuses.TryGetValue(user, out var statuses)
                ? statuses
                : new Dictionary<string, long>();
            series.Add(new UserSeries(user, byStatus, entry.Totals));
        }

        return series;
    }

    private sealed class ConnectionEntry
    {
        public TrafficCounters Last { get; set; }

        public bool EndObserved { get; set; }

        /// <summary>The last listing the connection was in, counted by <see cref="applied"/>.</summary>
        public int Listing { get; set; }
    }

    private sealed class UserEntry
    {
        public TrafficCounters Totals { get; set; }

        public DateTimeOffset LastSeen { get; set; }
    }
}
