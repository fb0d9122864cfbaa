using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using ClientVpnExporter.EndToEnd.Tests.Support;
using ClientVpnExporter.Hosting;
using ClientVpnSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>
/// The simulator, the real exporter on a fixed loopback port (so it can be stopped and a new one started in its
/// place, as a restart), and Debian's Prometheus scraping it every second. The simulator's clock can be paused, so
/// ground truth and the counters Prometheus holds can be compared at instants when nothing moves.
/// </summary>
internal sealed class RestartStack : IAsyncDisposable
{
    public const string Job = "clientvpn-exporter";

    // Ten simulated seconds a second, with sessions starting and ending all the time.
    private static readonly SimulatorOptions Fleet = new() { Endpoints = 2, ConnectionsPerEndpoint = 40, ChurnPerHour = 600, ClockSpeed = 10, Seed = 11 };
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("clientvpn-restart-");
    private readonly int exporterPort = FreePort.Next();
    private readonly bool withStateFile;
    private readonly string[] settings;
    private SimulatorServer? simulator;
    private WebApplication? exporter;
    private ChildProcess? prometheus;

    private RestartStack(bool withStateFile, string[] settings)
    {
        this.withStateFile = withStateFile;
        this.settings = settings;
    }

    public HttpClient Prometheus { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public HttpClient Simulator { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Diagnostics => $"--- prometheus ---\n{this.prometheus?.RecentOutput}";

    /// <summary>Where the exporter listens, for a scrape of its own.</summary>
    public Uri ExporterAddress => new($"http://127.0.0.1:{this.exporterPort}/");

    /// <param name="withStateFile">Whether the exporter keeps its ledgers in <c>ClientVpn:StateFile</c> across restarts.</param>
    /// <param name="settings">More exporter settings, as command-line arguments.</param>
    public static async Task<RestartStack> StartAsync(bool withStateFile, params string[] settings)
    {
        var stack = new RestartStack(withStateFile, settings);
        try
        {
            await stack.StartAllAsync();
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the exporter and starts a new one on the same port with the same settings (and state file).</summary>
    public async Task RestartExporterAsync()
    {
        await this.StopExporterAsync();
        await this.StartExporterAsync();
    }

    public Task PauseClockAsync() => this.PostAsync("sim/clock/pause");

    public Task ResumeClockAsync() => this.PostAsync("sim/clock/resume");

    /// <summary>Each endpoint's traffic totals over every connection it ever had, from <c>/sim/truth</c>.</summary>
    public async Task<Dictionary<string, (ulong Ingress, ulong Egress)>> TruthAsync() =>
        (await this.TruthJsonAsync())["endpoints"]!.AsArray().ToDictionary(
            e => (string)e!["endpointId"]!,
            e => ((ulong)e!["ingressBytes"]!, (ulong)e["egressBytes"]!),
            StringComparer.Ordinal);

    /// <summary>
    /// With the clock paused: waits until the exporter has completed a poll that began after the pause and
    /// Prometheus has scraped it, and returns that scrape's timestamp (Unix milliseconds). Every series of the
    /// scrape has a sample at that instant, holding the counters of the paused clock.
    /// </summary>
    public async Task<long> SettledScrapeAsync()
    {
        // A poll reads every endpoint once; the poll under way at the pause asks for fewer than all of them after
        // it. Once 2 x endpoints more requests have arrived, a whole poll that began after the pause has ended.
        var requests = await this.ConnectionRequestsAsync();
        await Poll.UntilAsync(async () => await this.ConnectionRequestsAsync() >= requests + (2 * Fleet.Endpoints), StartTimeout, "two polls after the pause");
        var published = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return await Poll.UntilAsync(
            async () =>
            {
                var samples = await this.SamplesAsync("clientvpn_ingress_bytes_total", "5s", published + 5000);
                var after = samples.SelectMany(s => s.Samples.Keys).Where(t => t > published).Order().ToList();
                return after.Count > 0 && samples.All(s => s.Samples.ContainsKey(after[0])) ? (object)after[0] : null;
            },
            StartTimeout,
            "a scrape after the exporter's first complete poll since the pause",
            () => this.Diagnostics) is long timestamp ? timestamp : throw new InvalidOperationException();
    }

    /// <summary>The samples of each series of <paramref name="metric"/> in the <paramref name="range"/> up to <paramref name="atMs"/>, by timestamp.</summary>
    public async Task<List<(string EndpointId, string Posture, Dictionary<long, double> Samples)>> SamplesAsync(string metric, string range, long atMs)
    {
        var result = await this.QueryAsync($"{metric}{{job=\"{Job}\"}}[{range}]", atMs);
        return [.. result.Select(series => (
            (string)series!["metric"]!["endpoint_id"]!,
            (string)series["metric"]!["posture"]!,
            series["values"]!.AsArray().ToDictionary(
                v => (long)Math.Round((double)v![0]! * 1000),
                v => double.Parse((string)v![1]!, CultureInfo.InvariantCulture))))];
    }

    /// <summary>An instant query at <paramref name="atMs"/> (Unix milliseconds); fails the test when Prometheus answers with an error.</summary>
    public async Task<JsonArray> QueryAsync(string promql, long atMs)
    {
        var time = (atMs / 1000.0).ToString("F3", CultureInfo.InvariantCulture);
        using var response = await this.Prometheus.GetAsync($"api/v1/query?query={Uri.EscapeDataString(promql)}&time={time}");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(
            response.IsSuccessStatusCode && (string?)body?["status"] == "success",
            $"Prometheus rejected {promql}: {(int)response.StatusCode} {body?["errorType"]}: {body?["error"]}");
        return body!["data"]!["result"]!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        this.prometheus?.Dispose();
        await this.StopExporterAsync();
        if (this.simulator is not null)
        {
            await this.simulator.DisposeAsync();
        }

        this.Prometheus.Dispose();
        this.Simulator.Dispose();
        try
        {
            this.work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still be closing a file; the temp folder is cleaned up by the system.
        }
    }

    private async Task StartAllAsync()
    {
        var prometheusPath = ExternalTool.Prometheus;
        this.simulator = await SimulatorServer.StartAsync(Fleet, $"http://127.0.0.1:{FreePort.Next()}");
        this.Simulator.BaseAddress = this.simulator.BaseAddress;
        await this.StartExporterAsync();

        var prometheusPort = FreePort.Next();
        var config = Path.Combine(this.work.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: {Job}
                static_configs:
                  - targets: ['127.0.0.1:{this.exporterPort}']
            """);
        this.prometheus = ChildProcess.Start(prometheusPath,
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(this.work.FullName, "prometheus-data")}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}",
            "--log.level=warn",
        ]);
        this.Prometheus.BaseAddress = new Uri($"http://127.0.0.1:{prometheusPort}/");
        await Poll.UntilAsync(async () => (await this.Prometheus.GetAsync("-/ready")).IsSuccessStatusCode, StartTimeout, "Prometheus to be ready", () => this.Diagnostics);
        await Poll.UntilAsync(
            async () => (await this.QueryAsync($"count(clientvpn_ingress_bytes_total{{job=\"{Job}\"}} > 0)", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())).Count == 1,
            StartTimeout,
            "Prometheus to have scraped traffic totals",
            () => this.Diagnostics);
    }

    private async Task StartExporterAsync()
    {
        List<string> args =
        [
            $"--urls=http://127.0.0.1:{this.exporterPort}",
            $"--ClientVpn:ServiceUrl={this.simulator!.BaseAddress}",
            "--ClientVpn:Regions:0=us-east-1",
            "--ClientVpn:PollInterval=00:00:01",
            "--Logging:LogLevel:Default=Error",
            .. this.settings,
        ];
        if (this.withStateFile)
        {
            args.Add($"--ClientVpn:StateFile={Path.Combine(this.work.FullName, "exporter-state.json")}");
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var host = ExporterHost.Build([.. args], builder =>
                builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDTEST", "secret")));
            try
            {
                await host.StartAsync();
                this.exporter = host;
                break;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // The old exporter's port is still being released.
                await host.DisposeAsync();
                await Task.Delay(200);
            }
        }

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{this.exporterPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        await Poll.UntilAsync(async () => (await client.GetAsync("readyz")).IsSuccessStatusCode, StartTimeout, "the exporter to be ready");
    }

    private async Task StopExporterAsync()
    {
        if (this.exporter is { } running)
        {
            this.exporter = null;
            await running.StopAsync();
            await running.DisposeAsync();
        }
    }

    private async Task<long> ConnectionRequestsAsync() =>
        (long)(await this.TruthJsonAsync())["requests"]!["DescribeClientVpnConnections"]!;

    private async Task<JsonObject> TruthJsonAsync() =>
        (await this.Simulator.GetFromJsonAsync<JsonObject>("sim/truth"))!;

    private async Task PostAsync(string path)
    {
        using var response = await this.Simulator.PostAsync(path, null);
        Assert.True(response.IsSuccessStatusCode, $"POST /{path}: {(int)response.StatusCode}");
    }
}
