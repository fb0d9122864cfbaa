using System.Runtime.InteropServices;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Attempts;

/// <summary>
/// One endpoint's attempt totals, counted exactly once: each event by its id, the ids of the lookback window kept so
/// that a later read of the same window (or a page that repeats an event) counts nothing twice, and pruned once the
/// window has moved past them, so memory holds one lookback of ids. Only events from
/// <see cref="CountingStart"/> on are counted, as the connection totals count from the exporter's start. Only complete
/// reads are applied (<see cref="Apply"/>), so a read that fails part-way changes nothing. Not thread-safe: one read
/// of an endpoint at a time.
/// </summary>
internal sealed class AttemptLedger(DateTimeOffset countingStart, bool perUser, TimeSpan userRetention)
{
    private readonly Dictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Status, string Reason), ulong> attempts = Seeded();
    private readonly Dictionary<(string User, string Status), ulong> users = [];
    private readonly Dictionary<string, DateTimeOffset> usersLastSeen = new(StringComparer.Ordinal);
    private DateTimeOffset? newest;
    private TimeSpan? lag;

    /// <summary>Events with a timestamp before this are not counted (<see cref="EventOutcome.BeforeStart"/>).</summary>
    public DateTimeOffset CountingStart { get; } = countingStart;

    /// <summary>How many event ids are kept: those of the lookback window.</summary>
    public int SeenCount => this.seen.Count;

    /// <summary>The newest event timestamp read; null until an event was.</summary>
    public DateTimeOffset? NewestEvent => this.newest;

    /// <summary>
    /// Applies the events of one complete read: counts each new attempt once, forgets the ids of events older than
    /// <paramref name="windowStart"/> (no later read asks for them again) and users unseen for the retention.
    /// </summary>
    /// <returns>What was made of each event, by outcome, in the order of <see cref="EventOutcomes.All"/>.</returns>
    public IReadOnlyList<int> Apply(IReadOnlyList<LogEvent> events, DateTimeOffset windowStart, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outcomes = new int[EventOutcomes.All.Count];
        TimeSpan? readLag = null;
        foreach (var logEvent in events)
        {
            outcomes[(int)this.Classify(logEvent, now)]++;
            if (logEvent is { Timestamp: { } timestamp, IngestionTime: { } ingested })
            {
                var late = ingested - timestamp;
                readLag = readLag is { } largest && largest >= late ? largest : late;
            }
        }

        this.lag = readLag ?? this.lag;
        this.Prune(windowStart, now);
        return outcomes;
    }

    /// <summary>The totals as a reading, with how the reads are going as <paramref name="state"/> says.</summary>
    public AttemptReading Reading(AttemptReading state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state with
        {
            Attempts = [.. this.attempts.Select(a => new AttemptCount(a.Key.Status, a.Key.Reason, a.Value))],
            Users = perUser ? [.. this.users.Select(u => new UserAttemptCount(u.Key.User, u.Key.Status, u.Value))] : [],
            NewestEvent = this.newest,
            IngestionLag = this.lag,
        };
    }

    /// <summary>
    /// Every endpoint shows its successful attempts and the failures of each documented reason from its first read,
    /// at 0: a counter that first appears at 1 loses that increase to <c>rate()</c>.
    /// </summary>
    private static Dictionary<(string Status, string Reason), ulong> Seeded()
    {
        var seeded = new Dictionary<(string Status, string Reason), ulong> { [("successful", AttemptLabels.None)] = 0 };
        foreach (var reason in AttemptLabels.Reasons)
        {
            seeded[("failed", reason)] = 0;
        }

        return seeded;
    }

    private EventOutcome Classify(LogEvent logEvent, DateTimeOffset now)
    {
        if (logEvent is not { EventId: { Length: > 0 } id, Timestamp: { } timestamp })
        {
            return EventOutcome.Malformed;
        }

        if (this.seen.ContainsKey(id))
        {
            return EventOutcome.Duplicate;
        }

        this.seen[id] = timestamp;
        if (this.newest is not { } newest || timestamp > newest)
        {
            this.newest = timestamp;
        }

        if (timestamp < this.CountingStart)
        {
            return EventOutcome.BeforeStart;
        }

        if (ConnectionLogEntryParser.Parse(logEvent.Message) is not { } entry)
        {
            return EventOutcome.Malformed;
        }

        if (!AttemptLabels.IsAttempt(entry))
        {
            return EventOutcome.NotAttempt;
        }

        var status = AttemptLabels.Status(entry.AttemptStatus);
        CollectionsMarshal.GetValueRefOrAddDefault(this.attempts, (status, AttemptLabels.Reason(entry.FailureReason)), out _)++;
        if (perUser)
        {
            var user = AttemptLabels.User(entry);
            CollectionsMarshal.GetValueRefOrAddDefault(this.users, (user, status), out _)++;
            this.usersLastSeen[user] = now;
        }

        return EventOutcome.Counted;
    }

    private void Prune(DateTimeOffset windowStart, DateTimeOffset now)
    {
        foreach (var (id, timestamp) in this.seen)
        {
            if (timestamp < windowStart)
            {
                this.seen.Remove(id);
            }
        }

        foreach (var (user, lastSeen) in this.usersLastSeen)
        {
            if (now - lastSeen > userRetention)
            {
                this.usersLastSeen.Remove(user);
                foreach (var status in AttemptLabels.Statuses.Append(AttemptLabels.Other))
                {
                    this.users.Remove((user, status));
                }
            }
        }
    }
}
