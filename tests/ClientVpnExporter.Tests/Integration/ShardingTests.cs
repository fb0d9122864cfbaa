using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Hosting;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>Four exporters sharing one simulated organisation's targets, each a real host reading the simulator through the real SDK.</summary>
public sealed class ShardingTests : IAsyncDisposable
{
    private const int Shards = 4;
    private const int AccountCount = 16;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<string> accounts = [.. Enumerable.Range(1, AccountCount).Select(i => (200000000000L + i).ToString(CultureInfo.InvariantCulture))];
    private readonly WebApplication?[] shards = new WebApplication?[Shards];
    private SimulatorServer simulator = null!;
    private HttpClient simulatorHttp = null!;

    [Fact]
    public async Task FourShards_EachTargetIsReadByExactlyOneAndTogetherTheyMatchTheTruth()
    {
        await this.StartAsync();
        var first = await this.TruthAsync();
        await this.AdvanceAsync(TimeSpan.FromMinutes(5));
        var scrapes = new List<List<Sample>>();
        for (var i = 0; i < Shards; i++)
        {
            await this.shards[i]!.Services.GetRequiredService<FleetPoller>().PollAsync(CancellationToken.None);
            scrapes.Add(await this.ScrapeAsync(i));
        }

        var owners = this.accounts.ToDictionary(a => a, a => ShardAssignment.OwnerOf(RoleOf(a), "us-east-1", Shards));
        for (var i = 0; i < Shards; i++)
        {
            var read = scrapes[i].Where(s => s.Name == "clientvpn_endpoint_info").Select(s => s.Label("account_id")).ToHashSet();
            Assert.Equal(owners.Where(o => o.Value == i).Select(o => o.Key).Order(), read.Order());
            Assert.Equal(read.Count, Gauge(scrapes[i], "clientvpn_exporter_targets"));
            Assert.Equal(AccountCount, Gauge(scrapes[i], "clientvpn_exporter_targets_seen"));
            var info = Assert.Single(scrapes[i], s => s.Name == "clientvpn_exporter_shard_info");
            Assert.Equal((i.ToString(CultureInfo.InvariantCulture), "4"), (info.Label("shard"), info.Label("shards")));
        }

        Assert.Equal(AccountCount, scrapes.Sum(s => Gauge(s, "clientvpn_exporter_targets")));
        Assert.True(owners.Values.Distinct().Count() > 1, "the accounts should spread over more than one shard");
        GroundTruthTests.AssertMatches((await this.TruthAsync()).Since(first), [.. scrapes.SelectMany(s => s)], users: false);
    }

    [Fact]
    public async Task OneShardRestarted_TheOthersSeriesAreUntouchedAndItsShareComesBack()
    {
        await this.StartAsync();
        var before = new List<string>();
        var beforeWithoutTimes = new List<string>();
        for (var i = 0; i < Shards; i++)
        {
            var samples = await this.ScrapeAsync(i);
            before.Add(FleetSeries(samples));
            beforeWithoutTimes.Add(FleetSeries(samples, withReadTimes: false));
        }

        var restarted = Enumerable.Range(0, Shards).First(i => before[i].Length > 0);
        await this.StopAsync(restarted);
        for (var i = 0; i < Shards; i++)
        {
            if (i != restarted)
            {
                Assert.Equal(before[i], FleetSeries(await this.ScrapeAsync(i)));
            }
        }

        await this.StartShardAsync(restarted);
        Assert.Equal(beforeWithoutTimes[restarted], FleetSeries(await this.ScrapeAsync(restarted), withReadTimes: false));
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < Shards; i++)
        {
            await this.StopAsync(i);
        }

        this.simulatorHttp?.Dispose();
        if (this.simulator is not null)
        {
            await this.simulator.DisposeAsync();
        }
    }

    private static readonly HashSet<string> LaterLoopSamples = [.. HealthFamilies.All().Concat(AttemptFamilies.Endpoint())
        .Select(f => System.Text.Encoding.UTF8.GetString(f.SampleName))];

    private static string RoleOf(string account) => $"arn:aws:iam::{account}:role/clientvpn-exporter";

    private static double Gauge(List<Sample> samples, string name) => Assert.Single(samples, s => s.Name == name).Value;

    /// <summary>
    /// The endpoint series of a scrape (not the exporter's own), one per line in order: what a restart elsewhere must not
    /// change. A restarted shard reads again, at another time: <paramref name="withReadTimes"/> false leaves out when, and
    /// the health and connection-log families, which their own loops publish on their own cadence after the first poll.
    /// </summary>
    private static string FleetSeries(List<Sample> samples, bool withReadTimes = true) => string.Join('\n', samples
        .Where(s => s.Name.StartsWith("clientvpn_", StringComparison.Ordinal) && !s.Name.StartsWith("clientvpn_exporter_", StringComparison.Ordinal))
        .Where(s => withReadTimes || (s.Name != "clientvpn_endpoint_last_success_timestamp_seconds" && !LaterLoopSamples.Contains(s.Name)))
        .Select(s => s.Name + "{" + string.Join(',', s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "} " + s.Value.ToString(CultureInfo.InvariantCulture))
        .Order(StringComparer.Ordinal));

    private async Task StartAsync()
    {
        this.simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Endpoints = 1, ConnectionsPerEndpoint = 6, ChurnPerHour = 60, Seed = 31, Accounts = this.accounts, StartPaused = true,
        });
        this.simulatorHttp = new HttpClient { BaseAddress = this.simulator.BaseAddress };
        await Task.WhenAll(Enumerable.Range(0, Shards).Select(this.StartShardAsync));
    }

    private async Task StartShardAsync(int index)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--ClientVpn:ServiceUrl={this.simulator.BaseAddress}",
            $"--ClientVpn:StsServiceUrl={this.simulator.BaseAddress}",
            "--ClientVpn:Regions:0=us-east-1",
            "--ClientVpn:PollInterval=00:30:00",
            "--ClientVpn:ScrapeCacheDuration=00:00:00",
            "--Logging:LogLevel:Default=Warning",
            $"--ClientVpn:Sharding:Shards={Shards}",
            $"--ClientVpn:Sharding:Index={index}",
            .. this.accounts.SelectMany((account, i) => new[] { $"--ClientVpn:Accounts:{i}:RoleArn={RoleOf(account)}", $"--ClientVpn:Accounts:{i}:Regions:0=us-east-1" }),
        ];
        var exporter = ExporterHost.Build(args, builder => builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDTEST", "test-secret")));
        await exporter.StartAsync();
        this.shards[index] = exporter;
        using var http = new HttpClient { BaseAddress = RunningExporter.Address(exporter) };
        await RunningExporter.WaitUntilReadyAsync(http);
    }

    private async Task StopAsync(int index)
    {
        if (this.shards[index] is { } exporter)
        {
            this.shards[index] = null;
            await exporter.StopAsync();
            await exporter.DisposeAsync();
        }
    }

    private async Task<List<Sample>> ScrapeAsync(int index)
    {
        using var http = new HttpClient { BaseAddress = RunningExporter.Address(this.shards[index]!) };
        return PrometheusText.Parse(await http.GetStringAsync("/metrics"));
    }

    private async Task<GroundTruth> TruthAsync() => (await this.simulatorHttp.GetFromJsonAsync<GroundTruth>("/sim/truth?users=true", Json))!;

    private async Task AdvanceAsync(TimeSpan by)
    {
        using var response = await this.simulatorHttp.PostAsync($"/sim/clock/advance?seconds={by.TotalSeconds}", null);
        response.EnsureSuccessStatusCode();
    }
}
