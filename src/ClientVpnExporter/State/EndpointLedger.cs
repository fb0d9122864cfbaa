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
    /// The ledger's own copy of <paramref name="connectionId"/> when it follows that connection, else
    /// <paramref name="connectionId"/>: a listing that holds the ledger's copies holds no id twice while it waits
    /// to be applied. Not while <see cref="Stage"/> runs.
    /// </summary>
    public string TrackedId(string connectionId) =>
        this.connections.TryGetValue(connectionId, out var entry) ? entry.Id : connectionId;

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
        ICollection<EndedSession> endedSessions) =>
        this.Complete(this.Stage(listing, detail, endedSessions), now);

    /// <summary>
    /// The part of <see cref="Apply"/> that needs no clock: takes in the listing, so it can be dropped as soon as
    /// it is read rather than kept until every endpoint of the poll is. <see cref="Complete"/> must follow; the
    /// posture totals it reports include whatever was staged into this ledger in between.
    /// </summary>
    public StagedListing Stage(IReadOnlyList<ParsedConnection> listing, ReadingDetail detail, ICollection<EndedSession> endedSessions)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(endedSessions);

        // Each entry remembers the last listing it was in: that finds repeats within a listing and the entries
        // of connections no longer listed, without a set of this listing's ids.
        var thisListing = ++this.applied;
        var listed = 0;
        var staged = new StagedListing(detail, detail.HasFlag(ReadingDetail.Connections) ? new List<ConnectionSeries>(listing.Count) : null);

        foreach (var connection in listing)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(this.connections, connection.ConnectionId, out _);
            var entry = slot ??= new ConnectionEntry(connection.ConnectionId);
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

            // Every user listed counts as seen, an increase of zero included.
            CollectionsMarshal.GetValueRefOrAddDefault(staged.UserIncreases, connection.User, out _) += increase;

            if (connection.EndedAt is { } ended && !entry.EndObserved)
            {
                entry.EndObserved = true;
                if (connection.EstablishedAt is { } established)
                {
                    var duration = ended - established;
                    endedSessions.Add(new EndedSession(connection.Posture, duration < TimeSpan.Zero ? TimeSpan.Zero : duration));
                }
            }

            CollectionsMarshal.GetValueRefOrAddDefault(staged.Counts, (connection.Status, connection.Posture), out _)++;
            if (connection.IsActive)
            {
                staged.ActiveUsers.Add(connection.User);
            }

            if (detail.HasFlag(ReadingDetail.Users))
            {
                var byStatus = CollectionsMarshal.GetValueRefOrAddDefault(staged.UserStatuses, connection.User, out _)
                    ??= new Dictionary<string, long>(StringComparer.Ordinal);
                CollectionsMarshal.GetValueRefOrAddDefault(byStatus, connection.Status, out _)++;
            }

            staged.ConnectionSeries?.Add(new ConnectionSeries(connection, entry.Last));
        }

        this.ForgetConnectionsNotIn(thisListing, listed);
        return staged;
    }

    /// <summary>Finishes what <see cref="Stage"/> began: user totals and retention, and the reading to publish.</summary>
    /// <param name="staged">What <see cref="Stage"/> returned for this ledger.</param>
    /// <param name="now">When the poll completed; used for user retention.</param>
    public EndpointReading Complete(StagedListing staged, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(staged);
        foreach (var (user, increase) in staged.UserIncreases)
        {
            this.AddToUser(user, increase, now);
        }

        this.ForgetUsersUnseenSince(now - this.userRetention);

        return new EndpointReading
        {
            ConnectionCounts = [.. staged.Counts.Select(c => new ConnectionCount(c.Key.Status, c.Key.Posture, c.Value))],
            ActiveUsers = staged.ActiveUsers.Count,
            Totals = [.. this.totalsByPosture.Select(t => new PostureTotals(t.Key, t.Value))],
            Users = staged.Detail.HasFlag(ReadingDetail.Users) ? this.BuildUserSeries(staged.UserStatuses) : [],
            Connections = staged.ConnectionSeries ?? [],
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

    /// <summary>One listing taken in by <see cref="Stage"/>, without its connections, until <see cref="Complete"/>.</summary>
    internal sealed class StagedListing(ReadingDetail detail, List<ConnectionSeries>? connectionSeries)
    {
        public ReadingDetail Detail { get; } = detail;

        public Dictionary<(string Status, string Posture), long> Counts { get; } = [];

        public HashSet<string> ActiveUsers { get; } = new(StringComparer.Ordinal);

        /// <summary>Each listed user's increase, in the order the users were first listed.</summary>
        public Dictionary<string, TrafficCounters> UserIncreases { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Dictionary<string, long>> UserStatuses { get; } = new(StringComparer.Ordinal);

        public List<ConnectionSeries>? ConnectionSeries { get; } = connectionSeries;
    }

    private sealed class ConnectionEntry(string id)
    {
        /// <summary>The key this entry is stored under.</summary>
        public string Id { get; } = id;

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
