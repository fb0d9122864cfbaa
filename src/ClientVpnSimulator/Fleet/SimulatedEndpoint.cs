using ClientVpnSimulator.Clock;

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

    private readonly SeededRandom _random;
    private readonly FleetSettings _settings;
    private readonly SimulatedUser[] _users;
    private readonly PriorityQueue<SimulatedConnection, EventKey> _events = new(EventKeyComparer.Instance);
    private readonly ConnectionListing _listing = new();
    private long _nextSequence;
    private uint _nextAddress;

    private SimulatedEndpoint(EndpointProfile profile, SeededRandom random, FleetSettings settings, long nowMs)
    {
        Profile = profile;
        _random = random;
        _settings = settings;
        _users = UserPoolFactory.Create(profile.Authentication, settings.ConnectionsPerEndpoint, random);
        Postures = new PostureCatalog(profile.ClientConnectHandlerEnabled);
        ProcessedUntilMs = nowMs;
    }

    /// <summary>The longest a connection stays failed-to-terminate.</summary>
    public static long MaxTerminationDelayMs => 15 * SimulatedTime.Minute;

    /// <summary>The endpoint's configuration; replaced as a whole when its status changes, so copies stay valid unlocked.</summary>
    public EndpointProfile Profile { get; private set; }

    /// <summary>The endpoint's users, including those who never connected.</summary>
    public IReadOnlyList<SimulatedUser> Users => _users;

    /// <summary>The posture results and their accumulators.</summary>
    public PostureCatalog Postures { get; }

    /// <summary>The connections the API lists.</summary>
    public ConnectionListing Listing => _listing;

    /// <summary>Final counters of every connection no longer listed.</summary>
    public TrafficCounters RetiredTotals { get; private set; }

    /// <summary>The simulated instant the endpoint's state reflects.</summary>
    public long ProcessedUntilMs { get; private set; }

    /// <summary>Whether the endpoint was deleted; its state is then frozen at <see cref="ProcessedUntilMs"/>.</summary>
    public bool IsDeleted { get; private set; }

    /// <summary>Scheduled events: a measure of retained state.</summary>
    public int PendingEvents => _events.Count;

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
    public void SetStatus(string statusCode) => Profile = Profile with { StatusCode = statusCode };

    /// <summary>Processes every event up to <paramref name="nowMs"/>.</summary>
    public void AdvanceTo(long nowMs)
    {
        if (IsDeleted || nowMs <= ProcessedUntilMs)
        {
            return;
        }

        while (_events.TryPeek(out var connection, out var key) && key.TimeMs <= nowMs)
        {
            _events.Dequeue();
            if (key.TimeMs < connection.ExpiresMs)
            {
                OnSessionEnded(connection, key.TimeMs);
            }
            else
            {
                Retire(connection, key.TimeMs);
            }
        }

        ProcessedUntilMs = nowMs;
    }

    /// <summary>
    /// Deletes the endpoint at <paramref name="nowMs"/>: its connections stop there and are folded into
    /// the accumulators, which ground truth keeps reporting.
    /// </summary>
    public void Delete(long nowMs)
    {
        AdvanceTo(nowMs);
        foreach (var connection in _listing.All())
        {
            Fold(connection, connection.CountersAt(ProcessedUntilMs));
        }

        _listing.Clear();
        _events.Clear();
        IsDeleted = true;
    }

    /// <summary>Counters over every connection the endpoint ever had, listed ones at their current value.</summary>
    public TrafficCounters TotalsAt(long nowMs)
    {
        var totals = RetiredTotals;
        foreach (var connection in _listing.All())
        {
            totals += connection.CountersAt(nowMs);
        }

        return totals;
    }

    private void PopulateRunning(long nowMs)
    {
        var population = new List<SimulatedConnection>();
        var mean = _settings.MeanLifetimeMs;
        if (double.IsFinite(mean))
        {
            // Sessions end as a Poisson process at the churn rate; walk it backwards over the retention window.
            var meanGapMs = SimulatedTime.Hour / _settings.EffectiveChurnPerHour;
            var oldestEnd = nowMs - SimulatedConnection.ListingRetentionMs - MaxTerminationDelayMs;
            for (var end = nowMs - NextDuration(meanGapMs, 1); end >= oldestEnd; end -= NextDuration(meanGapMs, 1))
            {
                var session = Draw(end - DrawLifetime(), end);
                if (session.ExpiresMs > nowMs)
                {
                    population.Add(session);
                }
            }
        }

        // Lifetimes are memoryless, so the age of a running session has no bearing on when it ends.
        var ageMean = Math.Clamp(mean, 10 * SimulatedTime.Minute, 4 * SimulatedTime.Hour);
        for (var i = 0; i < _settings.ConnectionsPerEndpoint; i++)
        {
            var age = Math.Min(NextDuration(ageMean, 30 * SimulatedTime.Second), SimulatedTime.Day);
            population.Add(Draw(nowMs - age, DrawEnd(nowMs)));
        }

        AdmitAll(population, nowMs);
    }

    // Initial connections are listed in the order they were established, as a long-running endpoint would.
    private void AdmitAll(List<SimulatedConnection> population, long nowMs)
    {
        foreach (var connection in population.OrderBy(c => c.EstablishedMs))
        {
            Admit(connection, nowMs);
        }
    }

    private void OnSessionEnded(SimulatedConnection ended, long nowMs)
    {
        // The population stays steady: whoever leaves is replaced at once.
        Admit(Draw(nowMs, DrawEnd(nowMs)), nowMs);
        _events.Enqueue(ended, new EventKey(ended.ExpiresMs, ended.Sequence));
    }

    private void Retire(SimulatedConnection connection, long nowMs)
    {
        Fold(connection, connection.CountersAt(nowMs));
        _listing.NoteRetired();
    }

    private void Fold(SimulatedConnection connection, TrafficCounters final)
    {
        RetiredTotals += final;
        connection.User.RetiredTotals += final;
        connection.Posture.RetiredTotals += final;
        connection.IsRetired = true;
    }

    private void Admit(SimulatedConnection connection, long nowMs)
    {
        connection.Sequence = _nextSequence++;
        _listing.Add(connection);
        connection.User.ConnectionsEver++;
        connection.Posture.ConnectionsEver++;
        if (connection.EndRequestedMs == SimulatedConnection.Never)
        {
            return;
        }

        var next = connection.EndRequestedMs > nowMs ? connection.EndRequestedMs : connection.ExpiresMs;
        _events.Enqueue(connection, new EventKey(next, connection.Sequence));
    }

    private SimulatedConnection Draw(long establishedMs, long endRequestedMs)
    {
        var failed = _random.NextBool(FailedToTerminateShare);
        var delay = failed
            ? _random.NextLong(3 * SimulatedTime.Minute, MaxTerminationDelayMs + 1)
            : _random.NextLong(2 * SimulatedTime.Second, (10 * SimulatedTime.Second) + 1);
        var id = ResourceIds.Next("cvpn-connection-", _random);
        var user = _users[_random.NextInt(_users.Length)];
        var posture = Postures.Draw(_random);
        var rates = TrafficRates.Draw(_random);
        var ipv6 = Profile.DualStack ? DocumentationPrefix | ((UInt128)_random.NextUInt64() << 32) | (uint)_random.NextUInt64() : 0;
        return new SimulatedConnection
        {
            Id = id,
            User = user,
            Posture = posture,
            EstablishedMs = establishedMs,
            EndRequestedMs = endRequestedMs,
            TerminationDelayMs = (int)delay,
            FailedToTerminate = failed,
            ClientIpv4 = NextClientAddress(),
            ClientIpv6 = ipv6,
            Rates = rates,
        };
    }

    private long DrawEnd(long fromMs) =>
        double.IsFinite(_settings.MeanLifetimeMs) ? fromMs + DrawLifetime() : SimulatedConnection.Never;

    private long DrawLifetime() => NextDuration(_settings.MeanLifetimeMs, FleetSettings.MinimumLifetimeMs);

    private long NextDuration(double meanMs, long minimumMs) =>
        Math.Max(minimumMs, (long)Math.Round(Math.Min(_random.NextExponential(meanMs), 100.0 * 365 * SimulatedTime.Day)));

    // Addresses rotate through the block, skipping its network and broadcast addresses.
    private uint NextClientAddress() => Profile.ClientCidrBase + 1 + (_nextAddress++ % (Profile.ClientCidrSize - 2));
}
