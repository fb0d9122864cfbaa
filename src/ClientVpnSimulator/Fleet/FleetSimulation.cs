using ClientVpnSimulator.Clock;

namespace ClientVpnSimulator.Fleet;

/// <summary>
/// Every simulated endpoint, behind one lock. Each read first brings the state it reads to the clock's now,
/// so everything a reader sees belongs to one simulated instant.
/// </summary>
internal sealed class FleetSimulation
{
    /// <summary>The most endpoints a fleet holds, deleted ones included.</summary>
    public const int MaxEndpoints = 1000;

    private readonly Lock _sync = new();
    private readonly SimulationClock _clock;
    private readonly FleetSettings _settings;
    private readonly SeededRandom _random;
    private readonly List<SimulatedEndpoint> _endpoints = [];
    private readonly Dictionary<string, SimulatedEndpoint> _byId = new(StringComparer.Ordinal);

    /// <summary>Creates a fleet of running endpoints at the clock's now.</summary>
    public FleetSimulation(SimulationClock clock, FleetSettings settings, int seed, int endpointCount)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(settings);
        _clock = clock;
        _settings = settings;
        _random = new SeededRandom(unchecked((ulong)seed));
        var now = clock.NowMs;
        for (var i = 0; i < endpointCount; i++)
        {
            Add(now, SimulatedEndpoint.CreateRunning);
        }
    }

    /// <summary>The clock the fleet follows.</summary>
    public SimulationClock Clock => _clock;

    /// <summary>
    /// Reads the whole fleet at one instant. With <paramref name="advance"/>, every live endpoint is first
    /// brought to that instant; without, only configuration should be read.
    /// </summary>
    public T Observe<T>(Func<long, IReadOnlyList<SimulatedEndpoint>, T> reader, bool advance = true)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (_sync)
        {
            var now = _clock.NowMs;
            if (advance)
            {
                foreach (var endpoint in _endpoints)
                {
                    endpoint.AdvanceTo(now);
                }
            }

            return reader(now, _endpoints);
        }
    }

    /// <summary>Reads one endpoint brought to the clock's now; the reader gets null for an unknown or deleted id.</summary>
    public T ObserveEndpoint<T>(string endpointId, Func<long, SimulatedEndpoint?, T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (_sync)
        {
            var now = _clock.NowMs;
            if (!_byId.TryGetValue(endpointId, out var endpoint) || endpoint.IsDeleted)
            {
                return reader(now, null);
            }

            // Endpoints are independent, so bringing only this one forward changes nothing for the others.
            endpoint.AdvanceTo(now);
            return reader(now, endpoint);
        }
    }

    /// <summary>Creates an endpoint whose clients connected over the last few minutes; null when the fleet is full.</summary>
    public string? CreateEndpoint()
    {
        lock (_sync)
        {
            return _endpoints.Count >= MaxEndpoints ? null : Add(_clock.NowMs, SimulatedEndpoint.CreateNew).Profile.Id;
        }
    }

    /// <summary>Deletes an endpoint; false when it is unknown or already deleted.</summary>
    public bool DeleteEndpoint(string endpointId)
    {
        lock (_sync)
        {
            if (!_byId.TryGetValue(endpointId, out var endpoint) || endpoint.IsDeleted)
            {
                return false;
            }

            endpoint.Delete(_clock.NowMs);
            return true;
        }
    }

    private SimulatedEndpoint Add(long nowMs, Func<EndpointProfile, SeededRandom, FleetSettings, long, SimulatedEndpoint> create)
    {
        string id;
        do
        {
            id = ResourceIds.Next("cvpn-endpoint-", _random);
        }
        while (_byId.ContainsKey(id));

        // Each endpoint draws from its own generator, so endpoints never perturb one another.
        var random = new SeededRandom(_random.NextUInt64());
        var profile = EndpointProfileFactory.Create(_endpoints.Count, id, random, nowMs, _settings.ConnectionsPerEndpoint);
        var endpoint = create(profile, random, _settings, nowMs);
        _endpoints.Add(endpoint);
        _byId.Add(id, endpoint);
        return endpoint;
    }
}
