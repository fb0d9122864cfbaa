using System.Globalization;
using System.Runtime.InteropServices;

namespace ClientVpnExporter.Connections;

/// <summary>
/// Keeps the exact, monotonic traffic totals of one endpoint. It remembers what each connection id last
/// reported and adds only the increase, so totals survive sessions ending, sessions ageing out of the API's
/// 60-minute window, and sessions first seen already terminated. It also keeps each posture's session-duration
/// histogram, in which every session the exporter saw end is observed exactly once. Only complete listings may be
/// applied, through <see cref="Apply"/>: what does not change from poll to poll (detail, user retention, whether a
/// baseline is awaited, the shared <see cref="Connections.CountingStart"/>) is fixed at construction.
/// </summary>
/// <remarks>
/// A ledger made to await a baseline takes its first listing as the state of things when the exporter started:
/// it records every connection's counters and ended session without counting them, since that traffic happened
/// before the exporter was counting. Counters then grow by what happens afterwards, and a restart does not count
/// every listed connection's lifetime traffic a second time. A connection first seen in any later listing counts
/// whole only if it was established at or after the exporter's counting start (the API time of its first baseline
/// read); one established before it (or whose established time did not parse) is taken in the same way, so traffic
/// from before the start is never counted: not when its id was garbled in the baseline, not when it was forgotten
/// after missing listings, and not when its endpoint comes back after discovery left it out. The counting start is a
/// <see cref="Connections.CountingStart"/> object given at construction and shared by every ledger of the process: a
/// baseline proposes its listing's time, and the poller settles the proposals once a poll's reads are done. A session
/// is observed in the histogram when first seen ended, unless it was taken in by a baseline or began before the
/// counting start (the exporter did not see it happen); a negative duration counts as zero.
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
    private readonly Dictionary<string, SessionDurationHistogram> sessionsByPosture = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserEntry> users = new(StringComparer.Ordinal);
    private readonly TimeSpan userRetention;
    private readonly ReadingDetail detail;
    private readonly CountingStart countingStart;
    private int applied;

    /// <param name="userRetention">How long a user's totals are kept after their last listed connection.</param>
    /// <param name="detail">Which detail series each reading carries.</param>
    /// <param name="countingStart">The process's counting start, shared by all its ledgers (see remarks).</param>
    /// <param name="awaitsBaseline">Whether the first listing is a baseline rather than counted (see remarks).</param>
    public EndpointLedger(TimeSpan userRetention, ReadingDetail detail, CountingStart countingStart, bool awaitsBaseline = false)
    {
        ArgumentNullException.ThrowIfNull(countingStart);
        this.userRetention = userRetention;
        this.detail = detail;
        this.countingStart = countingStart;
        this.AwaitsBaseline = awaitsBaseline;
    }

    /// <summary>True until the first listing of a ledger made to await a baseline has been applied.</summary>
    public bool AwaitsBaseline { get; private set; }

    /// <summary>
    /// The ledger's own copy of <paramref name="connectionId"/> when it follows that connection, else null: a
    /// listing that holds the ledger's copies holds no id twice while it waits to be applied. Not while
    /// <see cref="Apply"/> runs.
    /// </summary>
    public string? TrackedId(ReadOnlySpan<char> connectionId) =>
        this.connections.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(connectionId, out var entry) ? entry.Id : null;

    /// <summary>
    /// Applies one complete listing of the endpoint's connections and returns the reading to publish. The only way
    /// a ledger is fed; one caller at a time, and the listing can be dropped as soon as it returns.
    /// </summary>
    /// <param name="listing">Every connection the API listed in this poll, and the fields that did not parse.</param>
    /// <param name="now">When the listing was read; used for user retention.</param>
    public EndpointReading Apply(ConnectionListing listing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var baseline = this.AwaitsBaseline;
        this.AwaitsBaseline = false;
        if (baseline)
        {
            this.countingStart.Propose(listing.ListedAt);
        }

        var countingStart = this.countingStart.Value;
        var tally = new ListingTally(listing, this.detail.HasFlag(ReadingDetail.Connections));

        // Each entry remembers the last listing it was in: that finds repeats within a listing and the entries
        // of connections no longer listed, without a set of this listing's ids.
        var thisListing = ++this.applied;
        var listed = 0;
        foreach (var connection in listing.Connections)
        {
            var entry = this.EntryFor(connection, baseline, countingStart);
            if (entry.Listing == thisListing)
            {
                // Pages can repeat a connection when the listing shifts between requests; count it once.
                continue;
            }

            entry.Listing = thisListing;
            listed++;
            this.AddToTotals(entry, connection, now, tally.Errors);
            NoteEndedSession(entry, connection, tally.Ended);
            this.Tally(tally, connection, entry);
        }

        this.ForgetConnectionsNotIn(thisListing, listed);
        this.ForgetUsersUnseenSince(now - this.userRetention);
        this.Observe(tally.Ended);
        return this.Reading(tally);
    }

    private ConnectionEntry EntryFor(ParsedConnection connection, bool baseline, DateTimeOffset? countingStart)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(this.connections, connection.ConnectionId, out _);
        return slot ??= NewEntry(connection, baseline || !StartedSince(connection, countingStart));
    }

    private void AddToTotals(ConnectionEntry entry, ParsedConnection connection, DateTimeOffset now, List<ParseError> errors)
    {
        var increase = Take(entry, connection, errors);

        ref var postureTotals = ref CollectionsMarshal.GetValueRefOrAddDefault(this.totalsByPosture, connection.Posture, out _);
        postureTotals += increase;

        // Every user listed counts as seen, an increase of zero included.
        this.AddToUser(connection.User, increase, now);
    }

    private static void NoteEndedSession(ConnectionEntry entry, ParsedConnection connection, List<EndedSession> ended)
    {
        if (connection.EndedAt is { } endedAt && !entry.EndObserved)
        {
            entry.EndObserved = true;
            if (connection.EstablishedAt is { } established)
            {
                var duration = endedAt - established;
                ended.Add(new EndedSession(connection.Posture, duration < TimeSpan.Zero ? TimeSpan.Zero : duration));
            }
        }
    }

    private void Tally(ListingTally tally, ParsedConnection connection, ConnectionEntry entry)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(tally.Counts, (connection.Status, connection.Posture), out _)++;
        if (connection.IsActive)
        {
            tally.ActiveUsers.Add(connection.User);
        }

        if (this.detail.HasFlag(ReadingDetail.Users))
        {
            var byStatus = CollectionsMarshal.GetValueRefOrAddDefault(tally.UserStatuses, connection.User, out _)
                ??= new Dictionary<string, long>(StringComparer.Ordinal);
            CollectionsMarshal.GetValueRefOrAddDefault(byStatus, connection.Status, out _)++;
        }

        tally.Connections?.Add(new ConnectionSeries(connection, entry.Last));
    }

    private EndpointReading Reading(ListingTally tally) => new()
    {
        ConnectionCounts = [.. tally.Counts.Select(c => new ConnectionCount(c.Key.Status, c.Key.Posture, c.Value))],
        ActiveUsers = tally.ActiveUsers.Count,
        Totals = this.PostureTotals(),
        SessionDurations = this.PostureSessions(),
        EndedSessions = tally.Ended,
        Users = this.detail.HasFlag(ReadingDetail.Users) ? this.BuildUserSeries(tally.UserStatuses) : [],
        Connections = tally.Connections ?? [],
        ParseErrors = tally.Errors,
    };

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
    private static TrafficCounters Take(ConnectionEntry entry, ParsedConnection connection, List<ParseError> implausible)
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
                implausible.Add(new ParseError(field, current.ToString(CultureInfo.InvariantCulture)));
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
    /// <param name="detail">Which detail series each reading carries.</param>
    /// <param name="countingStart">The process's counting start, shared by all its ledgers.</param>
    public static EndpointLedger FromRecord(LedgerRecord record, TimeSpan userRetention, ReadingDetail detail, CountingStart countingStart)
    {
        ArgumentNullException.ThrowIfNull(record);
        var ledger = new EndpointLedger(userRetention, detail, countingStart, record.AwaitsBaseline);
        foreach (var totals in record.Totals)
        {
            ledger.totalsByPosture[totals.Posture] = totals.Totals;
        }

        foreach (var sessions in record.SessionDurations)
        {
            ledger.sessionsByPosture[sessions.Posture] = SessionDurationHistogram.From(sessions.BucketCounts, sessions.Sum, sessions.Count)
                ?? throw new ArgumentException($"The session-duration histogram of posture {sessions.Posture} is malformed.", nameof(record));
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
        Totals = [.. this.PostureTotals()],
        SessionDurations = [.. this.sessionsByPosture.Select(s => new SessionDurationRecord
        {
            Posture = s.Key,
            BucketCounts = [.. s.Value.BucketCounts],
            Sum = s.Value.Sum,
            Count = s.Value.Count,
        })],
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

    /// <summary>The totals and histograms alone, for an endpoint restored from the state file and not read yet.</summary>
    public EndpointReading TotalsOnly() => new()
    {
        ConnectionCounts = [],
        ActiveUsers = 0,
        Totals = this.PostureTotals(),
        SessionDurations = this.PostureSessions(),
        Users = this.detail.HasFlag(ReadingDetail.Users) ? this.BuildUserSeries([]) : [],
    };

    private PostureTotals[] PostureTotals() => [.. this.totalsByPosture.Select(t => new PostureTotals(t.Key, t.Value))];

    private PostureSessions[] PostureSessions() => [.. this.sessionsByPosture.Select(s => new PostureSessions(s.Key, s.Value))];

    // Each posture's histogram is replaced once per listing, not once per session.
    private void Observe(List<EndedSession> ended)
    {
        foreach (var posture in ended.Select(e => e.Posture).Distinct(StringComparer.Ordinal))
        {
            var histogram = this.sessionsByPosture.GetValueOrDefault(posture, SessionDurationHistogram.Empty);
            this.sessionsByPosture[posture] = histogram.Observe(ended.Where(e => e.Posture == posture).Select(e => e.Duration));
        }
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

    // What one listing adds up to besides the ledger's own state: made once per listing, so the steps Apply takes
    // for each connection share it without allocating.
    private sealed class ListingTally(ConnectionListing listing, bool withConnections)
    {
        /// <summary>The listing's parse errors, then the counters found implausible while it is applied.</summary>
        public List<ParseError> Errors { get; } = new(listing.Errors);

        /// <summary>The sessions first seen ended in this listing, for the histograms.</summary>
        public List<EndedSession> Ended { get; } = [];

        public Dictionary<(string Status, string Posture), long> Counts { get; } = new();

        public HashSet<string> ActiveUsers { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Dictionary<string, long>> UserStatuses { get; } = new(StringComparer.Ordinal);

        /// <summary>Null unless per-connection detail is on.</summary>
        public List<ConnectionSeries>? Connections { get; } = withConnections ? new(listing.Connections.Count) : null;
    }

    private sealed class UserEntry
    {
        public TrafficCounters Totals { get; set; }

        public DateTimeOffset LastSeen { get; set; }
    }
}
