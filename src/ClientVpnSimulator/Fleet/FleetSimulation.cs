using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Health;

namespace ClientVpnSimulator.Fleet;

/// <summary>
/// Every simulated endpoint of every account, behind one lock. Each read first brings the state it reads to
/// the clock's now, so everything a reader sees belongs to one simulated instant, across accounts too.
/// </summary>
internal sealed class FleetSimulation
{
    /// <summary>The most endpoints an account holds, deleted ones included.</summary>
    public const int MaxEndpoints = 1000;

    private readonly Lock sync = new();
    private readonly SimulationClock clock;
    private readonly FleetSettings settings;
    private readonly List<AccountFleet> accounts = [];
    private readonly Dictionary<string, SimulatedEndpoint> byId = new(StringComparer.Ordinal);

    /// <summary>Creates, for each account, a fleet of <paramref name="endpointCount"/> running endpoints at the clock's now.</summary>
    /// <param name="clock">The clock every account follows.</param>
    /// <param name="settings">The population of every endpoint.</param>
    /// <param name="seed">The seed every draw follows from.</param>
    /// <param name="endpointCount">Endpoints per account at start.</param>
    /// <param name="accounts">The account ids, the caller's own first.</param>
    public FleetSimulation(SimulationClock clock, FleetSettings settings, int seed, int endpointCount, IReadOnlyList<string> accounts)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(accounts);
        this.clock = clock;
        this.settings = settings;
        var now = clock.NowMs;
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = new AccountFleet(accounts[i], new SeededRandom(AccountSeed(seed, accounts[i], first: i == 0)));
            this.accounts.Add(account);
            for (var n = 0; n < endpointCount; n++)
            {
                this.Add(account, now, SimulatedEndpoint.CreateRunning);
            }
        }
    }

    /// <summary>The clock the fleet follows.</summary>
    public SimulationClock Clock => this.clock;

    /// <summary>The population and connection-log settings every endpoint shares.</summary>
    public FleetSettings Settings => this.settings;

    /// <summary>
    /// Reads every account's endpoints at one instant, account by account in the order the accounts were
    /// given, each in creation order. With <paramref name="advance"/>, every live endpoint is first brought to
    /// that instant; without, only configuration should be read.
    /// </summary>
    public T Observe<T>(Func<long, IReadOnlyList<SimulatedEndpoint>, T> reader, bool advance = true) =>
        this.Read(this.accounts, reader, advance);

    /// <summary>Reads one account's endpoints at one instant, as <see cref="Observe"/> does.</summary>
    /// <exception cref="ArgumentException">The fleet has no such account.</exception>
    public T ObserveAccount<T>(string accountId, Func<long, IReadOnlyList<SimulatedEndpoint>, T> reader, bool advance = true) =>
        this.Read([this.AccountOf(accountId)], reader, advance);

    /// <summary>
    /// Reads one endpoint of one account brought to the clock's now; the reader gets null for an id that is
    /// unknown, deleted, or another account's.
    /// </summary>
    /// <remarks>Without <paramref name="advance"/>, the sessions are not brought forward: for reads of configuration and health only.</remarks>
    public T ObserveEndpoint<T>(string accountId, string endpointId, Func<long, SimulatedEndpoint?, T> reader, bool advance = true)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (this.sync)
        {
            var now = this.clock.NowMs;
            if (!this.byId.TryGetValue(endpointId, out var endpoint) || endpoint.IsDeleted || endpoint.Profile.AccountId != accountId)
            {
                return reader(now, null);
            }

            // Endpoints are independent, so bringing only this one forward changes nothing for the others.
            if (advance)
            {
                endpoint.AdvanceTo(now);
            }

            return reader(now, endpoint);
        }
    }

    /// <summary>Changes the health of an endpoint that exists (in any account) at the clock's now; false when it is unknown or deleted.</summary>
    /// <param name="endpointId">The endpoint.</param>
    /// <param name="change">Makes the change, and returns whether it could.</param>
    public bool ChangeHealth(string endpointId, Func<long, SimulatedEndpoint, bool> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (this.sync)
        {
            return this.byId.TryGetValue(endpointId, out var endpoint) && !endpoint.IsDeleted && change(this.clock.NowMs, endpoint);
        }
    }

    /// <summary>Reads an ACM certificate of one account at the clock's now; the reader gets null for an ARN the account does not hold.</summary>
    public T ObserveCertificate<T>(string accountId, string arn, Func<long, AcmCertificate?, T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (this.sync)
        {
            return reader(this.clock.NowMs, this.AccountOf(accountId).Certificates.GetValueOrDefault(arn));
        }
    }

    /// <summary>Reads an IAM SAML provider of one account at the clock's now; the reader gets null for an ARN the account does not hold.</summary>
    public T ObserveSamlProvider<T>(string accountId, string arn, Func<long, SamlProvider?, T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (this.sync)
        {
            return reader(this.clock.NowMs, this.AccountOf(accountId).SamlProviders.GetValueOrDefault(arn));
        }
    }

    /// <summary>Changes the ACM certificate with this ARN, whichever account holds it; false when none does.</summary>
    public bool ChangeCertificate(string arn, Action<AcmCertificate> change) => this.Change(a => a.Certificates, arn, change);

    /// <summary>Changes the IAM SAML provider with this ARN, whichever account holds it; false when none does.</summary>
    public bool ChangeSamlProvider(string arn, Action<SamlProvider> change) => this.Change(a => a.SamlProviders, arn, change);

    /// <summary>Creates an endpoint whose clients connected over the last few minutes; null when the account is full.</summary>
    /// <exception cref="ArgumentException">The fleet has no such account.</exception>
    public string? CreateEndpoint(string accountId)
    {
        lock (this.sync)
        {
            var account = this.AccountOf(accountId);
            return account.Endpoints.Count >= MaxEndpoints ? null : this.Add(account, this.clock.NowMs, SimulatedEndpoint.CreateNew).Profile.Id;
        }
    }

    /// <summary>Deletes an endpoint; false when it is unknown or already deleted.</summary>
    public bool DeleteEndpoint(string endpointId)
    {
        lock (this.sync)
        {
            if (!this.byId.TryGetValue(endpointId, out var endpoint) || endpoint.IsDeleted)
            {
                return false;
            }

            endpoint.Delete(this.clock.NowMs);
            return true;
        }
    }

    /// <summary>Sets the status an endpoint reports; false when it is unknown or deleted.</summary>
    public bool SetEndpointStatus(string endpointId, string statusCode)
    {
        lock (this.sync)
        {
            if (!this.byId.TryGetValue(endpointId, out var endpoint) || endpoint.IsDeleted)
            {
                return false;
            }

            endpoint.SetStatus(statusCode);
            return true;
        }
    }

    // The caller's own account keeps the seed itself, so a one-account simulator draws what it always drew;
    // every other account mixes its id in, so its fleet depends on the seed and the account, not on the order.
    private static ulong AccountSeed(int seed, string accountId, bool first) =>
        first ? unchecked((ulong)seed) : unchecked((ulong)seed ^ (ulong.Parse(accountId, System.Globalization.CultureInfo.InvariantCulture) * 0x9E37_79B9_7F4A_7C15UL));

    private T Read<T>(List<AccountFleet> accounts, Func<long, IReadOnlyList<SimulatedEndpoint>, T> reader, bool advance)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (this.sync)
        {
            var now = this.clock.NowMs;
            var endpoints = accounts.Count == 1 ? accounts[0].Endpoints : [.. accounts.SelectMany(a => a.Endpoints)];
            if (advance)
            {
                foreach (var endpoint in endpoints)
                {
                    endpoint.AdvanceTo(now);
                }
            }

            return reader(now, endpoints);
        }
    }

    private bool Change<T>(Func<AccountFleet, Dictionary<string, T>> registry, string arn, Action<T> change)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (this.sync)
        {
            var resource = this.accounts.Select(a => registry(a).GetValueOrDefault(arn)).FirstOrDefault(r => r is not null);
            if (resource is not null)
            {
                change(resource);
            }

            return resource is not null;
        }
    }

    private AccountFleet AccountOf(string accountId) =>
        this.accounts.Find(a => a.AccountId == accountId) ?? throw new ArgumentException($"No account '{accountId}'.", nameof(accountId));

    private SimulatedEndpoint Add(AccountFleet account, long nowMs, Func<EndpointProfile, SeededRandom, FleetSettings, long, SimulatedEndpoint> create)
    {
        string id;
        do
        {
            id = ResourceIds.Next("cvpn-endpoint-", account.Random);
        }
        while (this.byId.ContainsKey(id));

        // Each endpoint draws from its own generator, so endpoints never perturb one another.
        var random = new SeededRandom(account.Random.NextUInt64());
        var profile = EndpointProfileFactory.Create(account.Endpoints.Count, id, account.AccountId, random, nowMs, this.settings.ConnectionsPerEndpoint);
        var endpoint = create(profile, random, this.settings, nowMs);
        endpoint.Health = EndpointHealthFactory.Create(endpoint.Profile, nowMs);
        foreach (var certificate in new[] { endpoint.Health.ServerCertificate, endpoint.Health.ClientRootCertificate }.OfType<AcmCertificate>())
        {
            account.Certificates[certificate.Arn] = certificate;
        }

        foreach (var provider in new[] { endpoint.Health.SamlProvider, endpoint.Health.SelfServiceSamlProvider }.OfType<SamlProvider>())
        {
            account.SamlProviders[provider.Arn] = provider;
        }

        account.Endpoints.Add(endpoint);
        this.byId.Add(id, endpoint);
        return endpoint;
    }
}
