using System.Globalization;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;
using NSubstitute;

namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>
/// Runs a sequence of operations against the model fleet with the real <see cref="FleetPoller"/> reading it, and
/// after every poll checks what the exporter exports against <see cref="ExpectedExporter"/>. A broken promise fails
/// with what broke and the story of the run so far, step by step, as it resolved.
/// </summary>
internal sealed class PollerModelRun : IDisposable
{
    private static readonly string[] TotalNames = ["clientvpn_ingress", "clientvpn_egress", "clientvpn_ingress_packets", "clientvpn_egress_packets"];
    private static readonly string[] UserTotalNames = ["clientvpn_user_ingress", "clientvpn_user_egress", "clientvpn_user_ingress_packets", "clientvpn_user_egress_packets"];

    private const string SessionCount = "clientvpn_session_duration_count";

    private readonly ModelFleet fleet = new();
    private readonly ModelEc2Client client;
    private readonly ExporterOptions options = new()
    {
        Regions = ["us-east-1"],
        PageSize = 5,
        PerUserMetrics = true,
        UserRetention = TimeSpan.FromDays(30),
        PollInterval = TimeSpan.FromMinutes(1),
        StaleAfter = TimeSpan.FromMinutes(10),
    };

    private readonly List<string> story = [];
    private readonly DirectoryInfo? stateDirectory;

    /// <summary>The last value of every exported counter series, by series.</summary>
    private Dictionary<string, double> lastExported = new(StringComparer.Ordinal);
    private ExpectedExporter expected = new();
    private Exporter exporter;
    private bool polledSinceStart;

    /// <param name="withStateFile">Whether the exporter keeps its ledgers in a state file (<c>ClientVpn:StateFile</c>) across restarts.</param>
    public PollerModelRun(bool withStateFile)
    {
        if (withStateFile)
        {
            this.stateDirectory = Directory.CreateTempSubdirectory("clientvpn-model-");
            this.options.StateFile = Path.Combine(this.stateDirectory.FullName, "state.json");
        }

        this.client = new ModelEc2Client(this.fleet);
        this.exporter = new Exporter(this.options, this.client, this.fleet.Clock);
    }

    public void Run(IReadOnlyList<FleetOperation> operations)
    {
        for (var step = 0; step < operations.Count; step++)
        {
            var what = this.Apply(operations[step]);
            this.story.Add($"{step + 1}. {operations[step]}{(what.Length > 0 ? " -> " + what : "")}");
            if (operations[step] is FleetOperation.Poll)
            {
                this.Check();
            }
        }
    }

    public void Dispose()
    {
        this.exporter.Dispose();
        this.client.Dispose();
        this.stateDirectory?.Delete(recursive: true);
    }

    private string Apply(FleetOperation operation)
    {
        var live = this.fleet.LiveEndpoints;
        switch (operation)
        {
            case FleetOperation.Advance advance:
                foreach (var endpoint in live)
                {
                    for (var k = 0; k < endpoint.Connections.Count; k++)
                    {
                        var connection = endpoint.Connections[k];
                        if (connection.IsActive)
                        {
                            var bytes = (ulong)advance.Seconds * (ulong)advance.BytesPerSecond * (ulong)(1 + (k % 3));
                            connection.Counters += new TrafficCounters(bytes, (2 * bytes) + (ulong)advance.Seconds, bytes / 100, (2 * bytes / 100) + 1);
                        }
                    }
                }

                this.fleet.Clock.Advance(TimeSpan.FromSeconds(advance.Seconds));
                return "";
            case FleetOperation.Connect connect when live.Count > 0:
                var to = live[connect.Endpoint % live.Count];
                return Name(this.fleet.Connect(to, FleetOperation.UserNames[connect.User], TimeSpan.Zero, default).Id) + " on " + Name(to.Id);
            case FleetOperation.Disconnect disconnect when live.Count > 0:
                var active = live[disconnect.Endpoint % live.Count].Connections.Where(c => c.IsActive).ToList();
                if (active.Count == 0)
                {
                    return "nothing to end";
                }

                var ending = active[disconnect.Connection % active.Count];
                ending.EndedAt = this.fleet.Now;
                return Name(ending.Id) + " ends";
            case FleetOperation.CreateEndpoint:
                return Name(this.fleet.CreateEndpoint().Id);
            case FleetOperation.DeleteEndpoint delete when live.Count > 0:
                var deleted = live[delete.Endpoint % live.Count];
                deleted.Deleted = true;
                return Name(deleted.Id) + " deleted";
            case FleetOperation.Poll poll:
                return this.Poll(poll, live);
            case FleetOperation.Restart:
                this.exporter.Dispose();
                this.exporter = new Exporter(this.options, this.client, this.fleet.Clock);
                if (this.stateDirectory is null)
                {
                    // A new process counts from a new baseline: its counters start at zero, a reset Prometheus sees.
                    this.expected = new ExpectedExporter();
                    this.lastExported = new Dictionary<string, double>(StringComparer.Ordinal);
                    this.polledSinceStart = false;
                }
                else
                {
                    // Totals and session histograms continue without a reset.
                    this.expected.RestartFromStateFile();
                }

                return "";
            default:
                return "nothing to act on";
        }
    }

    private string Poll(FleetOperation.Poll poll, IReadOnlyList<ModelEndpoint> live)
    {
        if (!this.polledSinceStart)
        {
            // Ground truth is "since the exporter's first poll".
            this.polledSinceStart = true;
            foreach (var connection in this.fleet.Endpoints.SelectMany(e => e.Connections))
            {
                connection.AtFirstPoll = connection.Counters;
            }
        }

        this.fleet.BeginPoll();
        this.fleet.DiscoveryFault = poll.Discovery;
        var resolved = new List<string>();
        foreach (var index in poll.Omitted.Where(_ => live.Count > 0))
        {
            this.fleet.OmittedFromDiscovery.Add(live[index % live.Count].Id);
            resolved.Add($"{Name(live[index % live.Count].Id)} not discovered");
        }

        foreach (var (index, fault) in poll.Reads)
        {
            if (live.Count > 0 && fault != ReadFault.None)
            {
                var endpoint = live[index % live.Count];
                this.fleet.ReadFaults[endpoint.Id] = fault;
                resolved.Add($"{Name(endpoint.Id)} {fault}");
            }
        }

        foreach (var corruption in poll.Corruptions)
        {
            if (live.Count == 0 || live[corruption.Endpoint % live.Count].ListedAt(this.fleet.Now).ToList() is not { Count: > 0 } listed)
            {
                continue;
            }

            var endpoint = live[corruption.Endpoint % live.Count];
            var connection = listed[corruption.Connection % listed.Count];

            // A connection whose id is garbled in three listings in a row is forgotten by design. One from before the
            // counting start is then taken in again without counting; one established since would count whole again,
            // so the promise for it is for garbling that does not last that long.
            if (corruption.Fault == FieldFault.GarbledId
                && !(connection.EstablishedAt < this.expected.CountingStart)
                && this.expected.Endpoints.GetValueOrDefault(endpoint.Id)?.Ledger.GetValueOrDefault(connection.Id) is { Absent: >= 2 })
            {
                resolved.Add($"{Name(connection.Id)} not garbled a third time");
                continue;
            }

            var onConnection = this.fleet.Corruptions.TryGetValue(connection.Id, out var known) ? known : this.fleet.Corruptions[connection.Id] = [];
            onConnection.Add(corruption);
            resolved.Add($"{Name(connection.Id)} {corruption.Fault}");
        }

        this.exporter.Poller.PollAsync(CancellationToken.None).GetAwaiter().GetResult();
        this.expected.ApplyPoll(this.fleet);
        var read = this.fleet.AttemptedReads.Select(id => Name(id) + (this.fleet.ServedListings.TryGetValue(id, out var l) ? $" read ({l.Count} listed)" : " failed"));
        resolved.Insert(0, (this.fleet.ServedDiscovery is null ? "discovery failed; " : "") + string.Join(", ", read));
        return string.Join("; ", resolved);
    }

    private void Check()
    {
        var snapshot = this.exporter.Harness.Metrics.Current.View;
        var served = snapshot.Endpoints.Select(e => e.Endpoint.EndpointId).Order(StringComparer.Ordinal).ToList();
        var expectedServed = this.expected.Endpoints.Keys.Order(StringComparer.Ordinal).ToList();
        if (!served.SequenceEqual(expectedServed))
        {
            this.Fail($"serves endpoints [{string.Join(", ", served.Select(Name))}], expected [{string.Join(", ", expectedServed.Select(Name))}]");
        }

        var counters = new Dictionary<string, double>(StringComparer.Ordinal);
        var counts = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var (name, tags, value) in this.exporter.Harness.Collect())
        {
            var endpoint = tags.GetValueOrDefault("endpoint_id", "");
            string? key = name switch
            {
                _ when TotalNames.Contains(name) => SeriesKey(name, endpoint),
                _ when UserTotalNames.Contains(name) => SeriesKey(name, endpoint, tags["user"]),
                "clientvpn_session_duration" => SeriesKey(SessionCount, endpoint),
                _ => null,
            };
            if (key is not null)
            {
                counters[key] = counters.GetValueOrDefault(key) + value; // Summed over postures.
            }
            else if (name == "clientvpn_connections")
            {
                var byStatus = counts.TryGetValue(endpoint, out var known) ? known : counts[endpoint] = new(StringComparer.Ordinal);
                byStatus[tags["status"]] = byStatus.GetValueOrDefault(tags["status"]) + (long)value;
            }
        }

        this.CheckNeverDecreases(counters, served);
        foreach (var endpoint in this.expected.Endpoints.Values)
        {
            this.CheckTotals(endpoint, counters);
            this.CheckConnectionCounts(endpoint, counts.GetValueOrDefault(endpoint.Id));
        }
    }

    /// <summary>Promise: no exported counter decreases, and none disappears while its endpoint is served.</summary>
    private void CheckNeverDecreases(Dictionary<string, double> counters, List<string> served)
    {
        foreach (var (key, last) in this.lastExported)
        {
            if (counters.TryGetValue(key, out var now))
            {
                if (now < last)
                {
                    this.Fail($"{key} went down from {last:R} to {now:R}");
                }
            }
            else if (served.Any(id => key.Contains($"endpoint_id=\"{id}\"", StringComparison.Ordinal)))
            {
                this.Fail($"{key} (last {last:R}) disappeared while its endpoint is still served");
            }
        }

        this.lastExported = counters;
    }

    /// <summary>Promise: the totals are exactly what the exporter could count of the truth (see <see cref="ExpectedEndpoint"/>).</summary>
    private void CheckTotals(ExpectedEndpoint endpoint, Dictionary<string, double> counters)
    {
        var truth = this.TruthSinceFirstPoll(endpoint.Id);
        string[] fields = ["IngressBytes", "EgressBytes", "IngressPackets", "EgressPackets"];
        var expectedTotals = Fields(endpoint.Totals);
        var before = Fields(endpoint.CountedFromBeforeFirstPoll);
        for (var f = 0; f < 4; f++)
        {
            // The model's own check of item 0: nothing counts more than happened, but for what the rules count
            // from before the first poll.
            if (expectedTotals[f] > Fields(truth)[f] + before[f])
            {
                this.Fail($"the model expects {SeriesKey(TotalNames[f], endpoint.Id)} = {expectedTotals[f]}, more than the truth since the first poll {Fields(truth)[f]} and {before[f]} counted from before it");
            }

            var exported = counters.GetValueOrDefault(SeriesKey(TotalNames[f], endpoint.Id));
            if (exported != expectedTotals[f])
            {
                this.Fail($"{SeriesKey(TotalNames[f], endpoint.Id)} is {exported:R}, expected {expectedTotals[f]} "
                    + $"(truth since the first poll {Fields(truth)[f]}; the rest aged out unseen or was in the baseline)");
            }

            foreach (var user in FleetOperation.UserNames)
            {
                var key = SeriesKey(UserTotalNames[f], endpoint.Id, user);
                var expectedUser = Fields(endpoint.Users.GetValueOrDefault(user))[f];
                if (counters.GetValueOrDefault(key) != expectedUser)
                {
                    this.Fail($"{key} is {counters.GetValueOrDefault(key):R}, expected {expectedUser}");
                }
            }
        }

        var sessions = counters.GetValueOrDefault(SeriesKey(SessionCount, endpoint.Id));
        var expectedSessions = this.expected.EndedSessions.GetValueOrDefault(endpoint.Id);
        if (sessions != expectedSessions)
        {
            this.Fail($"{SeriesKey(SessionCount, endpoint.Id)} is {sessions:R}, expected {expectedSessions} (sessions first seen ended after the baseline)");
        }
    }

    /// <summary>Promise: connection counts are those of the last complete listing, never of part of one.</summary>
    private void CheckConnectionCounts(ExpectedEndpoint endpoint, Dictionary<string, long>? exported)
    {
        if (exported is null ? endpoint.Up == true && endpoint.LastCounts.Count > 0 : !Same(exported, endpoint.LastCounts))
        {
            this.Fail($"{Name(endpoint.Id)} shows connections {Describe(exported)}, its last complete listing had {Describe(endpoint.LastCounts)}");
        }

        static bool Same(Dictionary<string, long> a, Dictionary<string, long> b) =>
            a.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(b.OrderBy(kv => kv.Key, StringComparer.Ordinal));

        static string Describe(Dictionary<string, long>? counts) =>
            counts is null ? "none" : "{" + string.Join(", ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")) + "}";
    }

    private TrafficCounters TruthSinceFirstPoll(string endpointId)
    {
        TrafficCounters truth = default;
        foreach (var connection in this.fleet.Endpoints.Single(e => e.Id == endpointId).Connections)
        {
            truth += new TrafficCounters(
                connection.Counters.IngressBytes - connection.AtFirstPoll.IngressBytes,
                connection.Counters.EgressBytes - connection.AtFirstPoll.EgressBytes,
                connection.Counters.IngressPackets - connection.AtFirstPoll.IngressPackets,
                connection.Counters.EgressPackets - connection.AtFirstPoll.EgressPackets);
        }

        return truth;
    }

    private void Fail(string promise) =>
        Assert.Fail($"Promise broken after step {this.story.Count}: {promise}\nThe run, step by step:\n{string.Join('\n', this.story)}");

    private static ulong[] Fields(TrafficCounters c) => [c.IngressBytes, c.EgressBytes, c.IngressPackets, c.EgressPackets];

    private static string SeriesKey(string name, string endpointId, string? user = null) =>
        user is null ? $"{name}{{endpoint_id=\"{endpointId}\"}}" : $"{name}{{endpoint_id=\"{endpointId}\",user=\"{user}\"}}";

    /// <summary>Ids are long and differ only at the end: the story shows the model's number (endpoint e3, connection c7).</summary>
    private static string Name(string id) =>
        (id.StartsWith("cvpn-endpoint-", StringComparison.Ordinal) ? "E" : "C")
        + ulong.Parse(id.AsSpan(id.LastIndexOf('-') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    /// <summary>One exporter process: its poller and the metrics it exports.</summary>
    private sealed class Exporter : IDisposable
    {
        public Exporter(ExporterOptions options, ModelEc2Client client, TimeProvider clock)
        {
            this.Harness = new InMemoryMetrics(options);
            var clients = Substitute.For<IAwsTargets>();
            clients.Targets.Returns([new AwsTarget(AwsAccounts.Default, "us-east-1", client) { AccountId = "123456789012" }]);
            this.Poller = new PollerUnderTest(clients, this.Harness.Metrics, options, clock);
        }

        public InMemoryMetrics Harness { get; }

        public PollerUnderTest Poller { get; }

        public void Dispose()
        {
            this.Poller.Dispose();
            this.Harness.Dispose();
        }
    }
}
