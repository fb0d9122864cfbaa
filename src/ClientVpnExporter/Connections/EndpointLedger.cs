using System.Globalization;
using System.Runtime.InteropServices;

namespace ClientVpnExporter.Connections;

/// <summary>
/// Keeps the exact, monotonic traffic totals of one endpoint. It remembers what each connection id last
/// reported and adds only the increase, so totals survive sessions ending, sessions ageing out of the API's
/// 60-minute window, and sessions first seen already terminated. Only complete listings may be applied.
/// </summary>
/// <remarks>
/// A ledger made to await a baseline takes its first listing as the state of things when the exporter started:
/// it records every connection's counters and ended session without counting them, since that traffic happened
/// before the exporter was counting. Counters then grow by what happens afterwards, and a restart does not count
/// every listed connection's lifetime traffic a second time. A connection first seen in any later listing counts
/// whole only if it was established at or after the exporter's counting start (the API time of its first baseline
/// read); one established before it (or whose established time did not parse) is taken in the same way, so traffic
/// from before the start is never counted: not when its id was garbled in the baseline, not when it was forgotten
/// after missing listings, and not when its endpoint comes back after discovery left it out.
/// </remarks>
internal sealed class EndpointLedger
{
    /// <summary>
    /// How many complete listings in a row a followed connection may be missing from before it is forgotten. A
    /// connection whose id was garbled in one listing is missing from it; forgetting it at once would count its
    /// whole traffic again when it comes back. Memory stays bounded: an entry outlives its connection by two listings.
    /// </summary>
    public const int ListingsMissedBeforeForgotten = 3;

    private const byte AllFields = 0b1111;

    private readonly Dictionary<string, ConnectionEntry> connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrafficCounters> totalsByPosture = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserEntry> users = new(StringComparer.Ordinal);
    private readonly TimeSpan userRetention;
    private int applied;

    /// <param name="userRetention">How long a user's totals are kept after their last listed connection.</param>
    /// <param name="awaitsBaseline">Whether the first listing is a baseline rather than counted (see remarks).</param>
    public EndpointLedger(TimeSpan userRetention, bool awaitsBaseline = false)
    {
        this.userRetention = userRetention;
        this.AwaitsBaseline = awaitsBaseline;
    }

    /// <summary>The number of connection ids followed, for tests and self-observation.</summary>
    public int TrackedConnections => this.connections.Count;

    /// <summary>True until the first listing of a ledger made to await a baseline has been staged.</summary>
    public bool AwaitsBaseline { get; private set; }

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
    /// <param name="implausible">Receives each counter that grew more than a connection could have; none when null.</param>
    /// <param name="countingStart">The API time from which the exporter counts (see remarks); null while not known, when every new connection counts whole.</param>
    public EndpointReading Apply(
        IReadOnlyList<ParsedConnection> listing,
        DateTimeOffset now,
        ReadingDetail detail,
        ICollection<EndedSession> endedSessions,
        ICollection<ParseError>? implausible = null,
        DateTimeOffset? countingStart = null) =>
        this.Complete(this.Stage(listing, detail, endedSessions, implausible, countingStart), now);

    /// <summary>
    /// The part of <see cref="Apply"/> that needs no clock: takes in the listing, so it can be dropped as soon as
    /// it is read rather than kept until every endpoint of the poll is. <see cref="Complete"/> must follow; the
    /// posture totals it reports include whatever was staged into this ledger in between.
    /// </summary>
    public StagedListing Stage(
        IReadOnlyList<ParsedConnection> listing,
        ReadingDetail detail,
        ICollection<EndedSession> endedSessions,
        ICollection<ParseError>? implausible = null,
        DateTimeOffset? countingStart = null)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(endedSessions);
        var baseline = this.AwaitsBaseline;
        this.AwaitsBaseline = false;

        // Each entry remembers the last listing it was in: that finds repeats within a listing and the entries
        // of connections no longer listed, without a set of this listing's ids.
        var thisListing = ++this.applied;
        var listed = 0;
        var staged = new StagedListing(detail, detail.HasFlag(ReadingDetail.Connections) ? new List<ConnectionSeries>(listing.Count) : null);

        foreach (var connection in listing)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(this.connections, connection.ConnectionId, out _);
            var entry = slot ??= NewEntry(connection, baseline || !StartedSince(connection, countingStart));
            if (entry.Listing == thisListing)
            {
                // Pages can repeat a connection when the listing shifts between requests; count it once.
                continue;
            }

            entry.Listing = thisListing;
            listed++;
            var increase = Take(entry, connection, implausible);

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

    // Whether a connection first seen outside a baseline began while the exporter was counting. One established
    // before the counting start carried traffic the exporter did not see happen; so may one whose established time
    // did not parse, and its first reading is given up rather than risk counting that traffic.
    private static bool StartedSince(ParsedConnection connection, DateTimeOffset? countingStart) =>
        countingStart is not { } start || connection.EstablishedAt >= start;

    // A connection from before the counting start has counted nothing yet: its counters are recorded, not added, and
    // its end (if it ended before the exporter started) was never the exporter's to observe.
    private static ConnectionEntry NewEntry(ParsedConnection connection, bool fromBeforeStart) => new(connection.ConnectionId)
    {
        UnknownFields = fromBeforeStart ? AllFields : (byte)0,
        LastReadAt = connection.EstablishedAt,
        EndObserved = fromBeforeStart && (connection.EndedAt is not null || connection.Status == ConnectionStatuses.Terminated),
    };

    /// <summary>
    /// Takes in one listed connection's counters and returns what they add. A field that did not parse keeps its
    /// last value; so does one that grew more than <see cref="TrafficPlausibility"/> allows since the entry's last
    /// good reading (reported to <paramref name="implausible"/>). A field whose value is not known yet (a baseline's)
    /// takes a plausible value as its starting point without adding it.
    /// </summary>
    private static TrafficCounters Take(ConnectionEntry entry, ParsedConnection connection, ICollection<ParseError>? implausible)
    {
        var elapsed = connection.ReadAt - entry.LastReadAt;
        var maxBytes = TrafficPlausibility.MaxBytes(elapsed);
        var maxPackets = TrafficPlausibility.MaxPackets(elapsed);
        var allGood = true;
        var last = entry.Last;
        var ingressBytes = Next(0, last.IngressBytes, connection.IngressBytes, maxBytes, ConnectionField.IngressBytes, out var addedIngressBytes);
        var egressBytes = Next(1, last.EgressBytes, connection.EgressBytes, maxBytes, ConnectionField.EgressBytes, out var addedEgressBytes);
        var ingressPackets = Next(2, last.IngressPackets, connection.IngressPackets, maxPackets, ConnectionField.IngressPackets, out var addedIngressPackets);
        var egressPackets = Next(3, last.EgressPackets, connection.EgressPackets, maxPackets, ConnectionField.EgressPackets, out var addedEgressPackets);
        entry.Last = new TrafficCounters(ingressBytes, egressBytes, ingressPackets, egressPackets);
        if (allGood && connection.ReadAt is { } readAt)
        {
            // The next reading's bound spans back to the last one in which every counter was good.
            entry.LastReadAt = readAt;
        }

        return new TrafficCounters(addedIngressBytes, addedEgressBytes, addedIngressPackets, addedEgressPackets);

        ulong Next(int bit, ulong lastValue, ulong? value, ulong max, ConnectionField field, out ulong added)
        {
            added = 0;
            if (value is not { } current)
            {
                allGood = false;
                return lastValue;
            }

            var mask = (byte)(1 << bit);
            var unknown = (entry.UnknownFields & mask) != 0;
            var growth = unknown ? current : current > lastValue ? current - lastValue : 0;
            if (growth > max)
            {
                implausible?.Add(new ParseError(field, current.ToString(CultureInfo.InvariantCulture)));
                allGood = false;
                return lastValue;
            }

            if (unknown)
            {
                entry.UnknownFields &= (byte)~mask;
                return current;
            }

            // A lower value adds nothing and is not kept: the API's counters only grow, so it is a glitch.
            added = growth;
            return Math.Max(current, lastValue);
        }
    }

    /// <summary>A ledger as <see cref="ToRecord"/> saved it: totals continue, and its connections are not a baseline.</summary>
    /// <param name="record">The saved ledger, checked by <c>Persistence/StateDocumentCheck</c>.</param>
    /// <param name="userRetention">How long a user's totals are kept after their last listed connection.</param>
    public static EndpointLedger FromRecord(LedgerRecord record, TimeSpan userRetention)
    {
        ArgumentNullException.ThrowIfNull(record);
        var ledger = new EndpointLedger(userRetention, record.AwaitsBaseline);
        foreach (var totals in record.Totals)
        {
            ledger.totalsByPosture[totals.Posture] = totals.Totals;
        }

        foreach (var connection in record.Connections)
        {
            ledger.connections[connection.Id] = new ConnectionEntry(connection.Id)
            {
                Last = connection.Last,
                UnknownFields = connection.UnknownFields,
                LastReadAt = connection.LastReadAt,
                EndObserved = connection.EndObserved,
                Listing = -connection.Missed,
            };
        }

        foreach (var user in record.Users)
        {
            ledger.users[user.User] = new UserEntry { Totals = user.Totals, LastSeen = user.LastSeen };
        }

        return ledger;
    }

    /// <summary>What <see cref="FromRecord"/> needs to continue this ledger in another process.</summary>
    public LedgerRecord ToRecord() => new()
    {
        AwaitsBaseline = this.AwaitsBaseline,
        Totals = [.. this.totalsByPosture.Select(t => new PostureTotals(t.Key, t.Value))],
        Connections = [.. this.connections.Values.Select(c => new ConnectionRecord
        {
            Id = c.Id,
            Last = c.Last,
            UnknownFields = c.UnknownFields,
            LastReadAt = c.LastReadAt,
            EndObserved = c.EndObserved,
            Missed = this.applied - c.Listing,
        })],
        Users = [.. this.users.Select(u => new UserRecord { User = u.Key, Totals = u.Value.Totals, LastSeen = u.Value.LastSeen })],
    };

    /// <summary>The totals alone, for an endpoint restored from the state file and not read yet.</summary>
    public EndpointReading TotalsOnly(ReadingDetail detail) => new()
    {
        ConnectionCounts = [],
        ActiveUsers = 0,
        Totals = [.. this.totalsByPosture.Select(t => new PostureTotals(t.Key, t.Value))],
        Users = detail.HasFlag(ReadingDetail.Users) ? this.BuildUserSeries([]) : [],
    };

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
            if (listing - entry.Listing >= ListingsMissedBeforeForgotten)
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

        /// <summary>The counters whose value is not known yet (bit 0 ingress bytes to bit 3 egress packets): a baseline's that did not parse.</summary>
        public byte UnknownFields { get; set; }

        /// <summary>The API time of the last reading in which every counter was good; at first, when the connection was established.</summary>
        public DateTimeOffset? LastReadAt { get; set; }

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
