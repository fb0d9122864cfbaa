using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using ClientVpnExporter.Attempts;
using ClientVpnExporter.Health;
using ClientVpnExporter.Hosting;
using ClientVpnExporter.Polling;
using ClientVpnSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Tests.Support;

/// <summary>
/// The real exporter (Kestrel on loopback, the real AWS SDK) reading the simulator over HTTP, with the
/// simulator's clock frozen so a test can poll and compare with ground truth exactly.
/// </summary>
internal sealed class ExporterOnSimulator : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string[] args;
    private readonly Action<WebApplicationBuilder> configure;

    private ExporterOnSimulator(SimulatorServer simulator, string[] args, Action<WebApplicationBuilder> configure)
    {
        this.Simulator = simulator;
        this.args = args;
        this.configure = configure;
        this.SimulatorHttp = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public SimulatorServer Simulator { get; }

    public WebApplication Exporter { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public HttpClient SimulatorHttp { get; }

    public FleetPoller Poller => this.Exporter.Services.GetRequiredService<FleetPoller>();

    /// <summary>Ground truth as of the exporter's first poll: its counters count what happened after it.</summary>
    public GroundTruth FirstPollTruth { get; private set; } = null!;

    /// <summary>Starts a paused simulator and an exporter reading it; returns once the first poll completed.</summary>
    public static Task<ExporterOnSimulator> StartAsync(SimulatorOptions simulatorOptions, params string[] settings) =>
        StartAsync(simulatorOptions, _ => { }, settings);

    /// <summary>As above, with <paramref name="configure"/> adding services (a log collector, say) to the exporter.</summary>
    public static Task<ExporterOnSimulator> StartAsync(SimulatorOptions simulatorOptions, Action<WebApplicationBuilder> configure, params string[] settings) =>
        StartAsync(simulatorOptions, _ => Task.CompletedTask, configure, settings);

    /// <summary>As above, with <paramref name="prepare"/> setting up the simulator (faults, permissions) before the exporter starts.</summary>
    public static Task<ExporterOnSimulator> StartAsync(
        SimulatorOptions simulatorOptions,
        Func<HttpClient, Task> prepare,
        Action<WebApplicationBuilder> configure,
        params string[] settings) =>
        StartAsync(simulatorOptions, prepare, configure, waitUntilReady: true, settings);

    /// <summary>As above, but returns as soon as the exporter listens, before its first poll may have completed.</summary>
    public static Task<ExporterOnSimulator> LaunchAsync(
        SimulatorOptions simulatorOptions,
        Func<HttpClient, Task> prepare,
        Action<WebApplicationBuilder> configure,
        params string[] settings) =>
        StartAsync(simulatorOptions, prepare, configure, waitUntilReady: false, settings);

    private static async Task<ExporterOnSimulator> StartAsync(
        SimulatorOptions simulatorOptions,
        Func<HttpClient, Task> prepare,
        Action<WebApplicationBuilder> configure,
        bool waitUntilReady,
        string[] settings)
    {
        simulatorOptions.StartPaused = true;
        var simulator = await SimulatorServer.StartAsync(simulatorOptions);
        using (var simulatorHttp = new HttpClient { BaseAddress = simulator.BaseAddress })
        {
            await prepare(simulatorHttp);
        }

        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--ClientVpn:ServiceUrl={simulator.BaseAddress}",
            $"--ClientVpn:StsServiceUrl={simulator.BaseAddress}",
            "--ClientVpn:Regions:0=us-east-1",
            "--ClientVpn:PollInterval=00:30:00",
            "--ClientVpn:ScrapeCacheDuration=00:00:00",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        var harness = new ExporterOnSimulator(simulator, args, configure);
        await harness.StartExporterAsync(waitUntilReady);
        return harness;
    }

    public async Task<List<Sample>> ScrapeAsync() => PrometheusText.Parse(await this.ScrapeTextAsync());

    public Task<string> ScrapeTextAsync() => this.Http.GetStringAsync("/metrics");

    public async Task<GroundTruth> TruthAsync(bool users = false) =>
        (await this.SimulatorHttp.GetFromJsonAsync<GroundTruth>(users ? "/sim/truth?users=true" : "/sim/truth", Json))!;

    /// <summary>Ground truth since the exporter's first poll (<see cref="GroundTruth.Since"/>), what its counters must equal.</summary>
    public async Task<GroundTruth> TruthSinceFirstPollAsync() => (await this.TruthAsync(users: true)).Since(this.FirstPollTruth);

    public async Task AdvanceAsync(TimeSpan by)
    {
        using var response = await this.SimulatorHttp.PostAsync($"/sim/clock/advance?seconds={by.TotalSeconds}", null);
        response.EnsureSuccessStatusCode();
    }

    public Task PollAsync() => this.Poller.PollAsync(CancellationToken.None);

    /// <summary>Runs one health cycle over the endpoints of the last poll, as the health loop does every health interval.</summary>
    public Task HealthAsync() => this.Exporter.Services.GetRequiredService<HealthCycle>()
        .RunAsync(this.Exporter.Services.GetRequiredService<HealthSubjects>().Current, CancellationToken.None);

    /// <summary>Reads the connection logs of the last poll's endpoints once, as the attempts loop does every connection-log interval.</summary>
    public Task AttemptsAsync() => this.Exporter.Services.GetRequiredService<AttemptsCycle>()
        .RunAsync(this.Exporter.Services.GetRequiredService<HealthSubjects>().Current, CancellationToken.None);

    /// <summary>
    /// Waits for the health loop's first cycle, which follows the first poll in the background and publishes the poll's
    /// own view with its readings: a test that publishes views of its own waits for it, and the next cycle is a health
    /// interval away. (A cycle run by <see cref="HealthAsync"/> first would count instead, so do not mix the two.)
    /// </summary>
    public async Task FirstHealthCycleAsync()
    {
        var cycle = this.Exporter.Services.GetRequiredService<HealthCycle>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (cycle.Completed < 1)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Replaces the simulator's fault rules (<c>PUT /sim/faults</c>).</summary>
    public Task SetFaultsAsync(params object[] rules) => SetFaultsAsync(this.SimulatorHttp, rules);

    /// <summary>As above, through <paramref name="simulator"/>: before the exporter starts, from a <c>prepare</c> step.</summary>
    public static async Task SetFaultsAsync(HttpClient simulator, params object[] rules)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        using var response = await simulator.PutAsJsonAsync("/sim/faults", new { seed = 1, rules }, Json);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Clears the simulator's fault rules.</summary>
    public async Task ClearFaultsAsync()
    {
        using var response = await this.SimulatorHttp.DeleteAsync("/sim/faults");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Stops the exporter and starts a new one, same settings, against the same simulator: a restart. Returns
    /// once the new process's first poll completed; <see cref="FirstPollTruth"/> is then that poll's.
    /// </summary>
    /// <param name="whileStopped">Runs between the stop and the start (a clock advance while the exporter is down).</param>
    public async Task RestartExporterAsync(Func<Task>? whileStopped = null)
    {
        await this.StopExporterAsync();
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        await this.StartExporterAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await this.StopExporterAsync();
        this.SimulatorHttp.Dispose();
        await this.Simulator.DisposeAsync();
    }

    private async Task StartExporterAsync(bool waitUntilReady = true)
    {
        this.Exporter = ExporterHost.Build(this.args, builder =>
        {
            builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDTEST", "test-secret"));
            this.configure(builder);
        });
        await this.Exporter.StartAsync();
        this.Http = new HttpClient { BaseAddress = RunningExporter.Address(this.Exporter) };
        if (!waitUntilReady)
        {
            return;
        }

        await RunningExporter.WaitUntilReadyAsync(this.Http);

        // The clock is paused: this is the truth the first poll read, from which the exporter's counters count.
        this.FirstPollTruth = await this.TruthAsync(users: true);
    }

    private async Task StopExporterAsync()
    {
        this.Http.Dispose();
        await this.Exporter.StopAsync();
        await this.Exporter.DisposeAsync();
    }
}
