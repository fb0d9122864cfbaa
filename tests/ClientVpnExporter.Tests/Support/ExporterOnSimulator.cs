using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using ClientVpnExporter.Collection;
using ClientVpnExporter.Hosting;
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

    private ExporterOnSimulator(SimulatorServer simulator, WebApplication exporter, Uri exporterAddress)
    {
        this.Simulator = simulator;
        this.Exporter = exporter;
        this.Http = new HttpClient { BaseAddress = exporterAddress };
        this.SimulatorHttp = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public SimulatorServer Simulator { get; }

    public WebApplication Exporter { get; }

    public HttpClient Http { get; }

    public HttpClient SimulatorHttp { get; }

    public FleetPoller Poller => this.Exporter.Services.GetRequiredService<FleetPoller>();

    /// <summary>Starts a paused simulator and an exporter reading it; returns once the first poll completed.</summary>
    public static Task<ExporterOnSimulator> StartAsync(SimulatorOptions simulatorOptions, params string[] settings) =>
        StartAsync(simulatorOptions, _ => { }, settings);

    /// <summary>As above, with <paramref name="configure"/> adding services (a log collector, say) to the exporter.</summary>
    public static Task<ExporterOnSimulator> StartAsync(SimulatorOptions simulatorOptions, Action<WebApplicationBuilder> configure, params string[] settings) =>
        StartAsync(simulatorOptions, _ => Task.CompletedTask, configure, settings);

    /// <summary>As above, with <paramref name="prepare"/> setting up the simulator (faults, permissions) before the exporter starts.</summary>
    public static async Task<ExporterOnSimulator> StartAsync(
        SimulatorOptions simulatorOptions,
        Func<HttpClient, Task> prepare,
        Action<WebApplicationBuilder> configure,
        params string[] settings)
    {
        var harness = await LaunchAsync(simulatorOptions, prepare, configure, settings);
        await RunningExporter.WaitUntilReadyAsync(harness.Http);
        return harness;
    }

    /// <summary>As above, but returns as soon as the exporter listens, before its first poll may have completed.</summary>
    public static async Task<ExporterOnSimulator> LaunchAsync(
        SimulatorOptions simulatorOptions,
        Func<HttpClient, Task> prepare,
        Action<WebApplicationBuilder> configure,
        params string[] settings)
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
        var exporter = ExporterHost.Build(args, builder =>
        {
            builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDTEST", "test-secret"));
            configure(builder);
        });
        await exporter.StartAsync();
        return new ExporterOnSimulator(simulator, exporter, RunningExporter.Address(exporter));
    }

    public async Task<List<Sample>> ScrapeAsync() => PrometheusText.Parse(await this.ScrapeTextAsync());

    public Task<string> ScrapeTextAsync() => this.Http.GetStringAsync("/metrics");

    public async Task<GroundTruth> TruthAsync(bool users = false) =>
        (await this.SimulatorHttp.GetFromJsonAsync<GroundTruth>(users ? "/sim/truth?users=true" : "/sim/truth", Json))!;

    public async Task AdvanceAsync(TimeSpan by)
    {
        using var response = await this.SimulatorHttp.PostAsync($"/sim/clock/advance?seconds={by.TotalSeconds}", null);
        response.EnsureSuccessStatusCode();
    }

    public Task PollAsync() => this.Poller.PollAsync(CancellationToken.None);

    /// <summary>Replaces the simulator's fault rules (<c>PUT /sim/faults</c>).</summary>
    public async Task SetFaultsAsync(params object[] rules)
    {
        using var response = await this.SimulatorHttp.PutAsJsonAsync("/sim/faults", new { seed = 1, rules }, Json);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Clears the simulator's fault rules.</summary>
    public async Task ClearFaultsAsync()
    {
        using var response = await this.SimulatorHttp.DeleteAsync("/sim/faults");
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        this.Http.Dispose();
        this.SimulatorHttp.Dispose();
        await this.Exporter.StopAsync();
        await this.Exporter.DisposeAsync();
        await this.Simulator.DisposeAsync();
    }
}
