using Amazon.Runtime;
using ClientVpnSimulator;

namespace ClientVpnExporter.Hosting;

/// <summary>
/// <c>--demo</c>: runs the built-in simulator in-process on a free loopback port and points the exporter at
/// it, with a fast clock, short poll and health intervals and per-user detail, so a newcomer sees numbers move at once
/// (and, from the simulator, one endpoint whose server certificate expires in a few days).
/// Any setting given on the command line still wins.
/// </summary>
internal sealed class DemoMode : IAsyncDisposable
{
    public const string Switch = "--demo";

    private DemoMode(SimulatorServer simulator) => this.Simulator = simulator;

    public SimulatorServer Simulator { get; }

    public static async Task<DemoMode> StartAsync(CancellationToken cancellationToken = default)
    {
        var simulator = await SimulatorServer.StartAsync(
            new SimulatorOptions { Endpoints = 3, ConnectionsPerEndpoint = 120, ChurnPerHour = 600, ClockSpeed = 30, Seed = 42 },
            "http://127.0.0.1:0",
            cancellationToken);
        return new DemoMode(simulator);
    }

    /// <summary>Adds the demo settings under the command line's, and the simulator's dummy credentials.</summary>
    public void Configure(WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{ExporterHost.DefaultPort}",
            ["ClientVpn:ServiceUrl"] = this.Simulator.BaseAddress.ToString(),
            ["ClientVpn:StsServiceUrl"] = this.Simulator.BaseAddress.ToString(),
            ["ClientVpn:Regions:0"] = "us-east-1",
            ["ClientVpn:PollInterval"] = "00:00:05",
            ["ClientVpn:PerUserMetrics"] = "true",
            ["ClientVpn:HealthInterval"] = "00:00:30",
        });
        builder.Configuration.AddCommandLine(args);
        builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDDEMO", "demo-secret"));
    }

    public ValueTask DisposeAsync() => this.Simulator.DisposeAsync();
}
