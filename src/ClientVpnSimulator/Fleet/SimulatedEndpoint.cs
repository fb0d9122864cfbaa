using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Health;
using ClientVpnSimulator.Logs;

namespace ClientVpnSimulator.Fleet;

/// <summary>
/// One endpoint and its sessions, advanced lazily and event by event. Not thread-safe: the
/// <see cref="FleetSimulation"/> serialises access.
/// </summary>
/// <remarks>
/// Every connection is fully drawn when it starts, so the only events are "a session ended, start its
/// replacement" and "a connection aged out of the listing, fold it into the accumulators". Events are
/// processed in (time, sequence) order from the endpoint's own generator, so the state at an instant does
/// not depend on how the clock got there, nor on what other endpoints did.
/// </remarks>
internal sealed class SimulatedEndpoint
{
    private const double FailedToTerminateShare = 0.02;
    private const long CreatedRampMs = 5 * SimulatedTime.Minute;
    private static readonly UInt128 DocumentationPrefix = (UInt128)0x2001_0db8u << 96;

    private readonly SeededRandom random;
    private readonly FleetSettings settings;
    private readonly SimulatedUser[] users;
    private readonly PriorityQueue<SimulatedConnection, EventKey> events = new(EventKeyComparer.Instance);
    private readonly ListedConnections listing = new();
    private long nextSequence;
    private uint nextAddress;
    private readonly List<SimulatedUser> denied = [];
    private long nextRetryMs = long.MaxValue;

    private SimulatedEndpoint(EndpointProfile profile, SeededRandom random, FleetSettings settings, long nowMs)
    {
        this.Profile = profile;
        this.random = random;
        this.settings = settings;
        this.users = UserPoolFactory.Create(profile.Authentication, settings.ConnectionsPerEndpoint, random);
        this.Postures = new PostureCatalog(profile.ClientConnectHandlerEnabled);
        this.ProcessedUntilMs = nowMs;
        this.Log = new ConnectionLog(profile, this.users, settings.ConnectionLog, nowMs);
    }

    /// <summary>The longest a connection stays failed-to-terminate.</summary>
    public static long MaxTerminationDelayMs => 15 * SimulatedTime.Minute;

    /// <summary>The endpoint's configuration; replaced as a whole when its status changes, so copies stay valid unlocked.</summary>
    public EndpointProfile Profile { get; private set; }

    /// <summary>What decides whether clients can connect: subnets, rules, routes, CRL, certificates; set once, at creation.</summary>
    public EndpointHealth Health { get; set; } = null!;

    /// <summary>The endpoint's users, including those who never connected.</summary>
    public IReadOnlyList<SimulatedUser> Users => this.users;

    /// <summary>The posture results and their accumulators.</summary>
    public PostureCatalog Postures { get; }

    /// <summary>The connections the API lists.</summary>
    public ListedConnections Listing => this.listing;

    /// <summary>Final counters of every connection no longer listed.</summary>
    public SimulatedTraffic RetiredTotals { get; private set; }

    /// <summary>The simulated instant the endpoint's state reflects.</summary>
    public long ProcessedUntilMs { get; private set; }

    /// <summary>Whether the endpoint was deleted; its state is then frozen at <see cref="ProcessedUntilMs"/>.</summary>
    public bool IsDeleted { get; private set; }

    /// <summary>The endpoint's connection log, written while <see cref="EndpointProfile.ConnectionLogEnabled"/>.</summary>
    public ConnectionLog Log { get; }

    /// <summary>
    /// Until when the client-connect handler denies every attempt (<c>client-connect-failed</c>); <see cref="long.MinValue"/>
    /// when it does not, <see cref="long.MaxValue"/> until told otherwise. Sessions that end meanwhile are not replaced:
    /// their users' attempts fail, their clients retry (each about every <see cref="ConnectionLog.RetryMeanMs"/>) and
    /// fail again, and they connect when the denial ends.
    /// </summary>
    public long HandlerDeniesUntilMs { get; private set; } = long.MinValue;

    /// <summary>Scheduled events: a measure of retained state.</summary>
    public int PendingEvents => this.events.Count;

    /// <summary>
    /// An endpoint that has been running for a long time: its steady population has been connected for a
    /// while and the sessions that ended within the last hour are still listed.
    /// </summary>
    public static SimulatedEndpoint CreateRunning(EndpointProfile profile, SeededRandom random, FleetSettings settings, long nowMs)
    {
        var endpoint = new SimulatedEndpoint(profile, random, settings, nowMs);
        endpoint.PopulateRunning(nowMs);
        return endpoint;
    }

    /// <summary>An endpoint created a few minutes ago, whose clients connected since then.</summary>
    public static SimulatedEndpoint CreateNew(EndpointProfile profile, SeededRandom random, FleetSettings settings, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var created = profile with { CreationTimeMs = SimulatedTime.FloorToSecond(nowMs - CreatedRampMs) };
        var endpoint = new SimulatedEndpoint(created, random, settings, nowMs);
        var population = new List<SimulatedConnection>(settings.ConnectionsPerEndpoint);
        for (var i = 0; i < settings.ConnectionsPerEndpoint; i++)
        {
            var established = nowMs - random.NextLong(0, CreatedRampMs);
            population.Add(endpoint.Draw(established, endpoint.DrawEnd(nowMs)));
        }

        endpoint.AdmitAll(population, nowMs);
        return endpoint;
    }

    /// <summary>Sets the status DescribeClientVpnEndpoints reports; sessions carry on as they were.</summary>
    public void SetStatus(string statusCode) => this.Profile = this.Profile with { StatusCode = statusCode };

    /// <summary>Sets the client-connect handler's status DescribeClientVpnEndpoints reports.</summary>
    public void SetClientConnectStatus(string statusCode) => this.Profile = this.Profile with { ClientConnectStatus = statusCode };

    /// <summary>
    /// From <paramref name="nowMs"/> (the clock's now) until <paramref name="untilMs"/>, the client-connect handler
    /// denies every attempt; an end at or before now ends the denial now.
    /// </summary>
    public void SetHandlerDenial(long nowMs, long untilMs)
    {
        this.AdvanceTo(nowMs);
        this.HandlerDeniesUntilMs = untilMs;
        if (untilMs <= nowMs && this.denied.Count > 0)
        {
            this.Reconnect(nowMs);
        }
    }

    /// <summary>Turns connection logging on or off from <paramref name="nowMs"/> on.</summary>
    public void SetConnectionLogEnabled(long nowMs, bool enabled)
    {
        this.AdvanceTo(nowMs);
        this.Profile = this.Profile with { ConnectionLogEnabled = enabled };
    }

    /// <summary>Processes every event up to <paramref name="nowMs"/>.</summary>
    public void AdvanceTo(long nowMs)
    {
        if (this.IsDeleted || nowMs <= this.ProcessedUntilMs)
        {
            return;
        }

        while (true)
        {
            var pending = this.events.TryPeek(out var connection, out var key);
            var queued = pending ? key.TimeMs : long.MaxValue;
            var reconnectAt = this.denied.Count > 0 ? this.HandlerDeniesUntilMs : long.MaxValue;
            var retryAt = this.denied.Count > 0 ? this.nextRetryMs : long.MaxValue;
            var repeatAt = this.Log.NextRepeatFailureMs;
            if (Math.Min(reconnectAt, Math.Min(retryAt, repeatAt)) <= Math.Min(queued, nowMs))
            {
                if (reconnectAt <= Math.Min(retryAt, repeatAt))
                {
                    this.Reconnect(reconnectAt);
                }
                else if (retryAt <= repeatAt)
                {
                    this.Retry(retryAt);
                }
                else
                {
                    this.Log.WriteRepeatFailure(repeatAt < this.HandlerDeniesUntilMs ? AttemptReasons.ClientConnectFailed : null, this.Profile.ConnectionLogEnabled);
                }

                continue;
            }

            if (!pending || connection is null || queued > nowMs)
            {
                break;
            }

            this.events.Dequeue();
            if (key.TimeMs < connection.ExpiresMs)
            {
                this.OnSessionEnded(connection, key.TimeMs);
            }
            else
            {
                this.Retire(connection, key.TimeMs);
            }
        }

        this.ProcessedUntilMs = nowMs;
        this.Log.Prune(nowMs);
    }

    /// <summary>
    /// Deletes the endpoint at <paramref name="nowMs"/>: its connections stop there and are folded into
    /// the accumulators, which ground truth keeps reporting.
    /// </summary>
    public void Delete(long nowMs)
    {
        this.AdvanceTo(nowMs);
        foreach (var connection in this.listing.All())
        {
            this.Fold(connection, connection.CountersAt(this.ProcessedUntilMs));
        }

        this.listing.Clear();
        this.events.Clear();
        this.IsDeleted = true;
    }

    private void PopulateRunning(long nowMs)
    {
        var population = new List<SimulatedConnection>();
        var mean = this.settings.MeanLifetimeMs;
        if (double.IsFinite(mean))
        {
            // Sessions end as a Poisson process at the churn rate; walk it backwards over the retention window.
            var meanGapMs = SimulatedTime.Hour / this.settings.EffectiveChurnPerHour;
            var oldestEnd = nowMs - SimulatedConnection.ListingRetentionMs - MaxTerminationDelayMs;
            for (var end = nowMs - this.NextDuration(meanGapMs, 1); end >= oldestEnd; end -= this.NextDuration(meanGapMs, 1))
            {
                var session = this.Draw(end - this.DrawLifetime(), end);
                if (session.ExpiresMs > nowMs)
                {
                    population.Add(session);
                }
            }
        }

        // Lifetimes are memoryless, so the age of a running session has no bearing on when it ends.
        var ageMean = Math.Clamp(mean, 10 * SimulatedTime.Minute, 4 * SimulatedTime.Hour);
        for (var i = 0; i < this.settings.ConnectionsPerEndpoint; i++)
        {
            var age = Math.Min(this.NextDuration(ageMean, 30 * SimulatedTime.Second), SimulatedTime.Day);
            population.Add(this.Draw(nowMs - age, this.DrawEnd(nowMs)));
        }

        this.AdmitAll(population, nowMs);
    }

    // Initial connections are listed in the order they were established, as a long-running endpoint would.
    private void AdmitAll(List<SimulatedConnection> population, long nowMs)
    {
        foreach (var connection in population.OrderBy(c => c.EstablishedMs))
        {
            this.Admit(connection, nowMs);
        }
    }

    private void OnSessionEnded(SimulatedConnection ended, long nowMs)
    {
        if (this.Profile.ConnectionLogEnabled)
        {
            this.Log.WriteEnded(ended, nowMs);
        }

        // The population stays steady: whoever leaves is replaced at once, unless the handler denies everyone.
        if (nowMs < this.HandlerDeniesUntilMs)
        {
            this.denied.Add(ended.User);
            if (this.denied.Count == 1)
            {
                this.nextRetryMs = nowMs + this.Log.DrawRetryGap(1);
            }

            if (this.Profile.ConnectionLogEnabled)
            {
                this.Log.WriteFailed(ended.User, nowMs, nowMs, AttemptReasons.ClientConnectFailed);
            }
        }
        else
        {
            this.Admit(this.Draw(nowMs, this.DrawEnd(nowMs)), nowMs);
        }

        this.events.Enqueue(ended, new EventKey(ended.ExpiresMs, ended.Sequence));
    }

    // The sessions the denial kept from starting start when it ends.
    private void Reconnect(long atMs)
    {
        var count = this.denied.Count;
        this.denied.Clear();
        this.nextRetryMs = long.MaxValue;
        for (var i = 0; i < count; i++)
        {
            this.Admit(this.Draw(atMs, this.DrawEnd(atMs)), atMs);
        }
    }

    // One of the clients kept out retries, and is denied again.
    private void Retry(long atMs)
    {
        if (this.Profile.ConnectionLogEnabled)
        {
            this.Log.WriteFailed(this.Log.DrawUser(this.denied), atMs, atMs, AttemptReasons.ClientConnectFailed);
        }

        this.nextRetryMs = atMs + this.Log.DrawRetryGap(this.denied.Count);
    }

    private void Retire(SimulatedConnection connection, long nowMs)
    {
        this.Fold(connection, connection.CountersAt(nowMs));
        this.listing.NoteRetired();
    }

    private void Fold(SimulatedConnection connection, SimulatedTraffic final)
    {
        this.RetiredTotals += final;
        connection.User.RetiredTotals += final;
        connection.Posture.RetiredTotals += final;
        connection.IsRetired = true;
    }

    private void Admit(SimulatedConnection connection, long nowMs)
    {
        connection.Sequence = this.nextSequence++;
        this.listing.Add(connection);
        connection.User.ConnectionsEver++;
        connection.Posture.ConnectionsEver++;
        this.LogAdmitted(connection, nowMs);
        if (connection.EndRequestedMs == SimulatedConnection.Never)
        {
            return;
        }

        var next = connection.EndRequestedMs > nowMs ? connection.EndRequestedMs : connection.ExpiresMs;
        this.events.Enqueue(connection, new EventKey(next, connection.Sequence));
    }

    // A connection admitted now started at its establishment, and may have ended already (the initial population's
    // recent past); only what falls inside the log's retention is written.
    private void LogAdmitted(SimulatedConnection connection, long nowMs)
    {
        if (!this.Profile.ConnectionLogEnabled)
        {
            return;
        }

        var horizon = nowMs - ConnectionLog.RetentionMs;
        if (connection.EstablishedMs >= horizon)
        {
            this.Log.WriteConnected(connection, nowMs);
        }

        if (connection.EndRequestedMs <= nowMs && connection.TerminatedMs >= horizon)
        {
            this.Log.WriteEnded(connection, nowMs);
        }
    }

    private SimulatedConnection Draw(long establishedMs, long endRequestedMs)
    {
        var failed = this.random.NextBool(FailedToTerminateShare);
        var delay = failed
            ? this.random.NextLong(3 * SimulatedTime.Minute, MaxTerminationDelayMs + 1)
            : this.random.NextLong(2 * SimulatedTime.Second, (10 * SimulatedTime.Second) + 1);
        var id = ResourceIds.Next("cvpn-connection-", this.random);
        var user = this.users[this.random.NextInt(this.users.Length)];
        var posture = this.Postures.Draw(this.random);
        var rates = TrafficRates.Draw(this.random);
        var ipv6 = this.Profile.DualStack ? DocumentationPrefix | ((UInt128)this.random.NextUInt64() << 32) | (uint)this.random.NextUInt64() : 0;
        return new SimulatedConnection
        {
            Id = id,
            User = user,
            Posture = posture,
            EstablishedMs = establishedMs,
            EndRequestedMs = endRequestedMs,
            TerminationDelayMs = (int)delay,
            FailedToTerminate = failed,
            ClientIpv4 = this.NextClientAddress(),
            ClientIpv6 = ipv6,
            Rates = rates,
        };
    }

    private long DrawEnd(long fromMs) =>
        double.IsFinite(this.settings.MeanLifetimeMs) ? fromMs + this.DrawLifetime() : SimulatedConnection.Never;

    private long DrawLifetime() => this.NextDuration(this.settings.MeanLifetimeMs, FleetSettings.MinimumLifetimeMs);

    private long NextDuration(double meanMs, long minimumMs) =>
        Math.Max(minimumMs, (long)Math.Round(Math.Min(this.random.NextExponential(meanMs), 100.0 * 365 * SimulatedTime.Day)));

    // Addresses rotate through the block, skipping its network and broadcast addresses.
    private uint NextClientAddress() => this.Profile.ClientCidrBase + 1 + (this.nextAddress++ % (this.Profile.ClientCidrSize - 2));
}
