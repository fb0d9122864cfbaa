using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>What the exporter must show for one endpoint, by the team's counting rules, from what it was served.</summary>
internal sealed class ExpectedEndpoint(string id, bool baseline)
{
    public string Id { get; } = id;

    /// <summary>Found by the process's first discovery: its first complete listing is a baseline, counted from, not counted.</summary>
    public bool Baseline { get; } = baseline;

    /// <summary>Whether a complete listing of it was read yet.</summary>
    public bool Read { get; private set; }

    /// <summary>Whether the last attempt to read it in a poll succeeded; null while no poll tried.</summary>
    public bool? Up { get; set; }

    public TrafficCounters Totals { get; private set; }

    public Dictionary<string, TrafficCounters> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// What the totals count of traffic from before the exporter's first poll, by the rules: only while the counting
    /// start is not known (no baseline read has listed a connection yet) does a connection that existed then, first
    /// followed in a later listing (its endpoint left out of the first discovery, say), count whole from zero.
    /// </summary>
    public TrafficCounters CountedFromBeforeFirstPoll { get; private set; }

    /// <summary>Connections by status in the last complete listing.</summary>
    public Dictionary<string, long> LastCounts { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>How many successful discoveries in a row did not list it.</summary>
    public int AbsentDiscoveries { get; set; }

    /// <summary>The ledger: what each followed connection last reported, by id.</summary>
    public Dictionary<string, Entry> Ledger { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes in one complete listing as the exporter parses it: a garbled id skips the connection, a garbled or
    /// absurd counter keeps that field's last good value.
    /// </summary>
    /// <param name="listing">The connections served.</param>
    /// <param name="corruptions">How some of them were served malformed.</param>
    /// <param name="countingStart">The exporter's counting start when the poll began; null while not known.</param>
    /// <returns>How many sessions it saw ended for the first time, which the session histogram observes.</returns>
    public int ApplyListing(IReadOnlyList<ModelConnection> listing, IReadOnlyDictionary<string, List<Corruption>> corruptions, DateTimeOffset? countingStart)
    {
        var endedSessions = 0;
        var baselineRead = this.Baseline && !this.Read;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var connection in listing)
        {
            var corrupted = corruptions.GetValueOrDefault(connection.Id) ?? [];
            if (corrupted.Any(c => c.Fault == FieldFault.GarbledId) || !seen.Add(connection.Id))
            {
                continue;
            }

            var status = connection.IsActive ? "active" : "terminated";
            counts[status] = counts.GetValueOrDefault(status) + 1;
            ulong?[] reported = [connection.Counters.IngressBytes, connection.Counters.EgressBytes, connection.Counters.IngressPackets, connection.Counters.EgressPackets];
            foreach (var corruption in corrupted)
            {
                reported[corruption.Field] = null; // A garbled or absurd counter.
            }

            this.Users.TryAdd(connection.User, default);
            if (!this.Ledger.TryGetValue(connection.Id, out var entry))
            {
                // A baseline records what each connection had carried, and so does any later listing for a connection
                // established before the counting start; a field unreadable then is based on its first good value.
                // Any other connection first seen counts whole from zero.
                var fromBeforeStart = baselineRead || connection.EstablishedAt < countingStart;
                entry = new Entry(fromBeforeStart ? reported : [0, 0, 0, 0]) { EndObserved = fromBeforeStart && !connection.IsActive };
                this.Ledger.Add(connection.Id, entry);
                if (!fromBeforeStart)
                {
                    this.CountedFromBeforeFirstPoll += connection.AtFirstPoll;
                }
            }

            entry.Absent = 0;
            var increase = entry.Take(reported);
            this.Totals += increase;
            this.Users[connection.User] += increase;
            if (!connection.IsActive && !entry.EndObserved)
            {
                entry.EndObserved = true;
                endedSessions++;
            }
        }

        foreach (var (id, entry) in this.Ledger)
        {
            if (!seen.Contains(id) && ++entry.Absent >= 3)
            {
                this.Ledger.Remove(id);
            }
        }

        this.Read = true;
        this.Up = true;
        this.LastCounts = counts;
        return endedSessions;
    }

    /// <summary>Restored from the state file by a new process: totals and ledger as they were, nothing read yet.</summary>
    public void Restored()
    {
        this.Up = null;
        this.LastCounts = new(StringComparer.Ordinal);
    }

    /// <summary>One followed connection: each counter's last good value (null until one is known), and its absences.</summary>
    internal sealed class Entry(ulong?[] last)
    {
        public ulong?[] Last { get; } = last;

        public bool EndObserved { get; set; }

        /// <summary>Complete listings in a row that did not have it.</summary>
        public int Absent { get; set; }

        /// <summary>Moves each readable field to its reported value and returns the increase.</summary>
        public TrafficCounters Take(ulong?[] reported)
        {
            var increase = new ulong[4];
            for (var field = 0; field < 4; field++)
            {
                if (reported[field] is not { } value)
                {
                    continue;
                }

                if (this.Last[field] is { } last && value > last)
                {
                    increase[field] = value - last;
                }

                this.Last[field] = Math.Max(value, this.Last[field] ?? value);
            }

            return new TrafficCounters(increase[0], increase[1], increase[2], increase[3]);
        }
    }
}
