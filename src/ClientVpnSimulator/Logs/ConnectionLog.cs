using System.Globalization;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Logs;

/// <summary>
/// One endpoint's connection log: its events in (timestamp, sequence) order, the last <see cref="RetentionMs"/> of
/// simulated time of them, drawn from the log's own generator so that logging never changes the sessions. Not
/// thread-safe: the <see cref="FleetSimulation"/> lock serialises access.
/// </summary>
/// <remarks>
/// Each connection start writes its attempt (preceded by the attempts that failed before it, and on a SAML endpoint
/// by <c>waiting-for-assertion</c> and <c>connection-reset</c>); each end writes the end entry. One user of the
/// endpoint fails again and again. An event's ingestion time is its timestamp plus the ingestion delay, and never
/// before the simulated instant it was written at, so a reader never sees an event appear in its past.
/// </remarks>
internal sealed class ConnectionLog
{
    /// <summary>
    /// How much simulated time of events the log keeps: longer than the longest ingestion delay, and several times an
    /// exporter's lookback.
    /// </summary>
    public const long RetentionMs = SimulatedTime.Hour;

    // Events older than the retention are dropped in batches of this much time, so that dropping stays cheap.
    private const long PruneBatchMs = 5 * SimulatedTime.Minute;

    /// <summary>The most events kept per endpoint whatever the churn; the oldest go first.</summary>
    public const int MaxEvents = 1_000_000;

    /// <summary>The mean time between two failed attempts of the user who fails again and again.</summary>
    public const long RepeatFailureMeanMs = 2 * SimulatedTime.Minute;

    /// <summary>The mean time between two tries of a client kept out by a handler that denies everyone.</summary>
    public const long RetryMeanMs = 45 * SimulatedTime.Second;

    private readonly List<ConnectionLogEvent> events = [];

    // The events' timestamps side by side, so that finding a place searches contiguous memory.
    private readonly List<long> stamps = [];

    // Events whose timestamp is still ahead of the instant written (a session's end, at its termination): unreadable
    // until then, they join the log when the endpoint reaches them, so that the log itself is written near its end.
    private readonly PriorityQueue<ConnectionLogEvent, (long TimestampMs, long Sequence)> ahead = new();
    private readonly SeededRandom random;
    private readonly ConnectionLogSettings settings;
    private readonly bool handler;
    private readonly bool federated;
    private readonly Dictionary<(string Status, string Reason), long> prunedAttempts = [];
    private readonly Dictionary<(SimulatedUser User, string Status), long> prunedByUser = [];
    private long nextSequence;

    /// <summary>Creates the empty log of an endpoint whose users are <paramref name="users"/>.</summary>
    public ConnectionLog(EndpointProfile endpoint, IReadOnlyList<SimulatedUser> users, ConnectionLogSettings settings, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(users);
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        this.random = new SeededRandom(Seed(endpoint.Id));
        this.handler = endpoint.ClientConnectHandlerEnabled;
        this.federated = endpoint.Authentication == AuthenticationKind.Federated;
        this.EventIdSalt = (Seed(endpoint.Id) % 10_000_000_000_000_000UL).ToString("D16", CultureInfo.InvariantCulture);
        this.RepeatFailer = users.Count > 0 ? users[this.random.NextInt(users.Count)] : null;
        this.NextRepeatFailureMs = this.RepeatFailer is null ? SimulatedConnection.Never : nowMs + this.NextGap();
    }

    /// <summary>The retained events up to the instant the endpoint reached, in (timestamp, sequence) order, served or not yet.</summary>
    public IReadOnlyList<ConnectionLogEvent> Events => this.events;

    /// <summary>Events written with a timestamp after the instant the endpoint reached.</summary>
    public int EventsAhead => this.ahead.Count;

    /// <summary>The user who fails again and again; null on an endpoint without users.</summary>
    public SimulatedUser? RepeatFailer { get; }

    /// <summary>When the repeat failer tries next.</summary>
    public long NextRepeatFailureMs { get; private set; }

    /// <summary>Attempts dropped by retention, by status and reason text: all long since ingested.</summary>
    public IReadOnlyDictionary<(string Status, string Reason), long> PrunedAttempts => this.prunedAttempts;

    /// <summary>Attempts dropped by retention, by user and status.</summary>
    public IReadOnlyDictionary<(SimulatedUser User, string Status), long> PrunedByUser => this.prunedByUser;

    /// <summary>The digits that make event ids unique across endpoints.</summary>
    private string EventIdSalt { get; }

    /// <summary>The event id AWS would give: 56 digits that sort by timestamp.</summary>
    public string EventIdOf(ConnectionLogEvent entry)
    {
        return string.Create(CultureInfo.InvariantCulture, $"{entry.TimestampMs:D20}{this.EventIdSalt}{entry.Sequence:D20}");
    }

    /// <summary>
    /// Writes the attempts of a connection established at its <see cref="SimulatedConnection.EstablishedMs"/>: the
    /// failures before it, the SAML exchange on a federated endpoint, then the successful attempt.
    /// </summary>
    public void WriteConnected(SimulatedConnection connection, long writtenAtMs)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var at = connection.EstablishedMs;
        var before = at;
        while (this.random.NextBool(this.settings.FailedAttemptShare))
        {
            before -= this.random.NextLong(5 * SimulatedTime.Second, 30 * SimulatedTime.Second);
            this.WriteFailed(connection.User, before, writtenAtMs, AttemptReasons.Draw(this.random, this.handler));
        }

        if (this.federated)
        {
            var pending = ResourceIds.Next("cvpn-connection-", this.random);
            var sent = at - this.random.NextLong(5 * SimulatedTime.Second, 40 * SimulatedTime.Second);
            this.Add(ConnectionLogEntryKind.Attempt, "waiting-for-assertion", pending, connection.User, null, sent, writtenAtMs);
            this.Add(ConnectionLogEntryKind.Reset, "NA", pending, connection.User, null, at - this.random.NextLong(SimulatedTime.Second, 3 * SimulatedTime.Second), writtenAtMs);
        }

        this.Add(ConnectionLogEntryKind.Attempt, "successful", connection.Id, connection.User, connection, at, writtenAtMs);
    }

    /// <summary>Writes the end of a connection's session, at its termination.</summary>
    public void WriteEnded(SimulatedConnection connection, long writtenAtMs)
    {
        ArgumentNullException.ThrowIfNull(connection);
        this.Add(ConnectionLogEntryKind.End, "successful", connection.Id, connection.User, connection, connection.TerminatedMs, writtenAtMs);
    }

    /// <summary>Writes a failed attempt of <paramref name="user"/> at <paramref name="atMs"/>.</summary>
    public void WriteFailed(SimulatedUser user, long atMs, long writtenAtMs, string reason) =>
        this.Add(ConnectionLogEntryKind.Attempt, "failed", ResourceIds.Next("cvpn-connection-", this.random), user, null, atMs, writtenAtMs, reason);

    /// <summary>
    /// The repeat failer's attempt due now, failing with <paramref name="reason"/> or a drawn one, written when
    /// <paramref name="write"/> (logging is on); the next is scheduled either way.
    /// </summary>
    public void WriteRepeatFailure(string? reason, bool write)
    {
        var at = this.NextRepeatFailureMs;
        var drawn = reason ?? AttemptReasons.Draw(this.random, this.handler);
        if (write)
        {
            this.WriteFailed(this.RepeatFailer!, at, at, drawn);
        }

        this.NextRepeatFailureMs = at + this.NextGap();
    }

    /// <summary>Draws one of the endpoint's users, for an attempt that no session follows.</summary>
    public SimulatedUser DrawUser(IReadOnlyList<SimulatedUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        return users[this.random.NextInt(users.Count)];
    }

    /// <summary>The time to the next retry among <paramref name="clients"/> clients retrying independently.</summary>
    public long DrawRetryGap(int clients) =>
        Math.Max(1, (long)this.random.NextExponential(RetryMeanMs / (double)Math.Max(1, clients)));

    /// <summary>Drops events older than <see cref="RetentionMs"/> before <paramref name="nowMs"/>, keeping their attempt counts.</summary>
    public void Prune(long nowMs)
    {
        this.JoinUpTo(nowMs);
        var horizon = nowMs - RetentionMs;
        var drop = 0;
        while (drop < this.events.Count && (this.events[drop].TimestampMs < horizon || this.events.Count - drop > MaxEvents))
        {
            var old = this.events[drop++];
            if (old.Kind == ConnectionLogEntryKind.Attempt)
            {
                this.prunedAttempts[(old.AttemptStatus, old.Reason)] = this.prunedAttempts.GetValueOrDefault((old.AttemptStatus, old.Reason)) + 1;
                this.prunedByUser[(old.User, old.AttemptStatus)] = this.prunedByUser.GetValueOrDefault((old.User, old.AttemptStatus)) + 1;
            }
        }

        if (drop > 0)
        {
            this.events.RemoveRange(0, drop);
            this.stamps.RemoveRange(0, drop);
        }
    }

    /// <summary>The index of the first event after (<paramref name="timestampMs"/>, <paramref name="sequence"/>) in log order.</summary>
    public int IndexAfter(long timestampMs, long sequence)
    {
        int low = 0, high = this.stamps.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            var stamp = this.stamps[mid];
            if (stamp < timestampMs || (stamp == timestampMs && this.events[mid].Sequence <= sequence))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    // The log's generator follows from the endpoint's id (itself drawn from the seed), not from the endpoint's generator.
    private static ulong Seed(string endpointId)
    {
        var hash = 14_695_981_039_346_656_037UL;
        foreach (var c in endpointId)
        {
            hash = unchecked((hash ^ c) * 1_099_511_628_211UL);
        }

        return hash;
    }

    private long NextGap() => Math.Max(SimulatedTime.Second, (long)this.random.NextExponential(RepeatFailureMeanMs));

    private void JoinUpTo(long nowMs)
    {
        while (this.ahead.TryPeek(out var entry, out var key) && key.TimestampMs <= nowMs)
        {
            this.ahead.Dequeue();
            this.Insert(entry);
        }
    }

    // Events come nearly in timestamp order: most are appended, back-dated failures land a few places from the end.
    private void Insert(ConnectionLogEvent entry)
    {
        var count = this.stamps.Count;
        if (count == 0 || this.stamps[count - 1] < entry.TimestampMs || (this.stamps[count - 1] == entry.TimestampMs && this.events[count - 1].Sequence < entry.Sequence))
        {
            this.events.Add(entry);
            this.stamps.Add(entry.TimestampMs);
            return;
        }

        var index = this.IndexAfter(entry.TimestampMs, entry.Sequence);
        this.events.Insert(index, entry);
        this.stamps.Insert(index, entry.TimestampMs);
    }

    private void Add(
        ConnectionLogEntryKind kind, string status, string connectionId, SimulatedUser user, SimulatedConnection? connection, long atMs, long writtenAtMs, string reason = AttemptReasons.None)
    {
        var entry = new ConnectionLogEvent
        {
            TimestampMs = atMs,
            IngestionMs = Math.Max(atMs + this.settings.IngestionDelay.Draw(this.random), writtenAtMs),
            Sequence = this.nextSequence++,
            Kind = kind,
            AttemptStatus = status,
            Reason = reason,
            ConnectionId = connectionId,
            User = user,
            Connection = connection,
        };

        this.JoinUpTo(writtenAtMs);
        if (atMs > writtenAtMs)
        {
            this.ahead.Enqueue(entry, (atMs, entry.Sequence));
        }
        else
        {
            this.Insert(entry);
        }

        // A long clock jump writes hours of events in one advance: drop the old ones on the way, not only at its end.
        if (this.stamps.Count > 0 && this.stamps[0] < writtenAtMs - RetentionMs - PruneBatchMs)
        {
            this.Prune(writtenAtMs);
        }
    }
}
