using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using ClientVpnExporter.Aws;
using ClientVpnExporter.EndToEnd.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.EndToEnd.Tests.Sharding;

/// <summary>
/// Four exporter processes (the JIT build, started as an operator starts it) sharing one simulated organisation of 200
/// accounts × 4 enabled regions, which each finds by itself (ListAccounts, DescribeRegions in every account, AssumeRole
/// into each): the shards cover the 800 targets exactly once, their totals add up to the ground truth of a paused clock,
/// and a shard killed and started again leaves the others' series alone and takes its own back.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OrganizationShardsTests : IAsyncDisposable
{
    private const int Shards = 4;
    private const int AccountCount = 200;
    private const int TargetCount = AccountCount * 4;
    private static readonly string[] Regions = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1"];
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(240);

    private readonly ChildProcess?[] exporters = new ChildProcess?[Shards];
    private readonly int[] ports = [.. Enumerable.Range(0, Shards).Select(_ => FreePort.Next())];
    private SimulatorServer? simulator;
    private string folder = "";

    [Fact]
    public async Task FourShards_CoverTheOrganisationOnceMatchTheTruthAndSurviveARestart()
    {
        this.simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            AccountCount = AccountCount,
            AccountsWithEndpoints = 40,
            Regions = [.. Regions],
            EndpointRegions = ["us-east-1"],
            Endpoints = 1,
            ConnectionsPerEndpoint = 5,
            Seed = 15,
            StartPaused = true,
        });
        this.folder = await ExporterBinaries.FolderAsync(ExporterBuild.Jit);
        await Task.WhenAll(Enumerable.Range(0, Shards).Select(this.StartShardAsync));

        var scrapes = await Task.WhenAll(Enumerable.Range(0, Shards).Select(this.ScrapeAsync));

        // Every target is owned by exactly one shard: the one rendezvous hashing names, and the shards' counts add up.
        var owners = new Dictionary<(string Account, string Region), int>();
        for (var i = 0; i < Shards; i++)
        {
            Assert.Equal(TargetCount, Value(scrapes[i], "clientvpn_exporter_targets_seen"));
            foreach (var (account, region) in EndpointTargets(scrapes[i]))
            {
                Assert.True(owners.TryAdd((account, region), i), $"{account} {region} is read by shards {owners.GetValueOrDefault((account, region))} and {i}");
                Assert.Equal(i, ShardAssignment.OwnerOf($"arn:aws:iam::{account}:role/clientvpn-exporter", region, Shards));
            }
        }

        Assert.Equal(TargetCount, scrapes.Sum(s => Value(s, "clientvpn_exporter_targets")));
        Assert.All(scrapes, s => Assert.True(Value(s, "clientvpn_exporter_targets") > 0));

        // The shards' totals are the truth's: the clock is paused, so every shard's first poll read the same fleet.
        var truth = await this.TruthAsync();
        var endpoints = truth["endpoints"]!.AsArray();
        Assert.Equal(40, owners.Count);
        Assert.Equal(endpoints.Count, scrapes.Sum(s => s.Count(x => x.Name == "clientvpn_endpoint_info")));
        Assert.Equal(endpoints.Sum(e => e!["connections"]!.AsArray().Sum(c => (long)c!["count"]!)), scrapes.Sum(s => s.Where(x => x.Name == "clientvpn_connections").Sum(x => x.Value)));
        Assert.Equal(endpoints.Sum(e => (long)e!["activeUsers"]!), scrapes.Sum(s => s.Where(x => x.Name == "clientvpn_active_users").Sum(x => x.Value)));

        // Killing one shard leaves the others' series as they were; started again, it reads its own share again.
        var restarted = Enumerable.Range(0, Shards).First(i => EndpointTargets(scrapes[i]).Count > 0);
        this.exporters[restarted]!.Dispose();
        this.exporters[restarted] = null;
        for (var i = 0; i < Shards; i++)
        {
            if (i != restarted)
            {
                Assert.Equal(FleetSeries(scrapes[i]), FleetSeries(await this.ScrapeAsync(i)));
            }
        }

        await this.StartShardAsync(restarted);
        Assert.Equal(FleetSeries(scrapes[restarted], withReadTimes: false), FleetSeries(await this.ScrapeAsync(restarted), withReadTimes: false));
    }

    [Fact]
    public void FiveShards_MoveNoMoreThanTheNewShardsShare()
    {
        var targets = Enumerable.Range(0, AccountCount)
            .SelectMany(i => Regions.Select(region => ($"arn:aws:iam::{100000000000L + i}:role/clientvpn-exporter", region)))
            .ToList();

        var moved = targets.Where(t => ShardAssignment.OwnerOf(t.Item1, t.region, Shards) != ShardAssignment.OwnerOf(t.Item1, t.region, Shards + 1)).ToList();

        // Only the targets the new shard wins move: about 1/5 of 800 (160), with room for the hash's spread.
        Assert.All(moved, t => Assert.Equal(Shards, ShardAssignment.OwnerOf(t.Item1, t.region, Shards + 1)));
        Assert.InRange(moved.Count, TargetCount / 5 * 0.75, TargetCount / 5 * 1.25);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var exporter in this.exporters)
        {
            exporter?.Dispose();
        }

        if (this.simulator is not null)
        {
            await this.simulator.DisposeAsync();
        }
    }

    private static double Value(List<(string Name, Dictionary<string, string> Labels, double Value)> samples, string name) =>
        Assert.Single(samples, s => s.Name == name).Value;

    private static HashSet<(string Account, string Region)> EndpointTargets(List<(string Name, Dictionary<string, string> Labels, double Value)> samples) =>
        [.. samples.Where(s => s.Name == "clientvpn_endpoint_info").Select(s => (s.Labels["account_id"], s.Labels["region"]))];

    /// <summary>
    /// The endpoint series of a scrape, one per line in order; <paramref name="withReadTimes"/> false leaves out when each
    /// was read. The connection-log counters are left out: the attempts loop publishes them on its own cadence after the
    /// first poll, so a later scrape may have them where an earlier one had not.
    /// </summary>
    private static string FleetSeries(List<(string Name, Dictionary<string, string> Labels, double Value)> samples, bool withReadTimes = true) => string.Join('\n', samples
        .Where(s => s.Name.StartsWith("clientvpn_", StringComparison.Ordinal) && !s.Name.StartsWith("clientvpn_exporter_", StringComparison.Ordinal))
        .Where(s => !s.Name.EndsWith("connection_attempts_total", StringComparison.Ordinal))
        .Where(s => s.Name.StartsWith("clientvpn_endpoint_info", StringComparison.Ordinal) || s.Name.StartsWith("clientvpn_connections", StringComparison.Ordinal) || s.Name.StartsWith("clientvpn_active_users", StringComparison.Ordinal) || s.Name.EndsWith("_total", StringComparison.Ordinal))
        .Where(s => withReadTimes || s.Name != "clientvpn_endpoint_last_success_timestamp_seconds")
        .Select(s => s.Name + "{" + string.Join(',', s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "} " + s.Value.ToString(CultureInfo.InvariantCulture))
        .Order(StringComparer.Ordinal));

    /// <summary>Parses the Prometheus text format's samples (no timestamps, no escapes in the labels the fleet families carry).</summary>
    private static List<(string Name, Dictionary<string, string> Labels, double Value)> Parse(string text)
    {
        var samples = new List<(string, Dictionary<string, string>, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            var name = brace < 0 ? line[..line.IndexOf(' ', StringComparison.Ordinal)] : line[..brace];
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (brace >= 0)
            {
                var body = line[(brace + 1)..line.LastIndexOf('}')];
                foreach (var pair in body.Split("\",", StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    labels[pair[..equals]] = pair[(equals + 2)..].TrimEnd('"');
                }
            }

            samples.Add((name, labels, double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture)));
        }

        return samples;
    }

    private async Task StartShardAsync(int index)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDTEST",
            ["AWS_SECRET_ACCESS_KEY"] = "test-secret",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        ExporterBinaries.AddRuntime(ExporterBuild.Jit, environment);
        string[] arguments =
        [
            $"--urls=http://127.0.0.1:{this.ports[index]}",
            $"--ClientVpn:ServiceUrl={this.simulator!.BaseAddress}",
            $"--ClientVpn:StsServiceUrl={this.simulator.BaseAddress}",
            "--ClientVpn:Regions:0=all",
            "--ClientVpn:Organization:Enabled=true",
            "--ClientVpn:Organization:RoleName=clientvpn-exporter",
            "--ClientVpn:PollInterval=00:30:00",
            "--ClientVpn:MaxConcurrentTargets=64",
            "--ClientVpn:ApiBudget:RequestsPerSecond=100",
            "--ClientVpn:ApiBudget:Burst=100",
            $"--ClientVpn:Sharding:Shards={Shards}",
            $"--ClientVpn:Sharding:Index={index}",
            "--Logging:LogLevel:Default=Warning",
        ];
        var exporter = ChildProcess.Start(Path.Combine(this.folder, ExporterBinaries.Binary), arguments, this.folder, environment);
        this.exporters[index] = exporter;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{this.ports[index]}/"), Timeout = TimeSpan.FromSeconds(30) };
        await Poll.UntilAsync(
            async () =>
            {
                Assert.False(exporter.HasExited, $"shard {index} exited:\n" + exporter.RecentOutput);
                try
                {
                    return (await http.GetAsync("readyz")).IsSuccessStatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            ReadyTimeout,
            $"shard {index} to be ready",
            () => exporter.RecentOutput);
    }

    private async Task<List<(string Name, Dictionary<string, string> Labels, double Value)>> ScrapeAsync(int index)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{this.ports[index]}/"), Timeout = TimeSpan.FromSeconds(20) };
        return Parse(await http.GetStringAsync("metrics"));
    }

    private async Task<JsonObject> TruthAsync()
    {
        using var http = new HttpClient { BaseAddress = this.simulator!.BaseAddress };
        return (await http.GetFromJsonAsync<JsonObject>("/sim/truth"))!;
    }
}
