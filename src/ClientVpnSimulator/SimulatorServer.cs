using ClientVpnSimulator.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClientVpnSimulator;

/// <summary>
/// A running simulator: an EC2-compatible HTTP endpoint for the Client VPN Describe actions plus the
/// <c>/sim</c> control and ground-truth API, served by Kestrel.
/// </summary>
/// <example>
/// <code>
/// await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 7, StartPaused = true });
/// var ec2 = new AmazonEC2Client(credentials, new AmazonEC2Config { ServiceURL = simulator.BaseAddress.ToString(), AuthenticationRegion = "us-east-1" });
/// </code>
/// </example>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int disposed;

    private SimulatorServer(WebApplication app, SimulatorCore core, Uri baseAddress)
    {
        this.app = app;
        this.Core = core;
        this.BaseAddress = baseAddress;
    }

    /// <summary>The root URL of the server, ending in a slash: what <c>AmazonEC2Config.ServiceURL</c> is set to.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The simulation itself, for in-process tests.</summary>
    internal SimulatorCore Core { get; }

    /// <summary>Starts a simulator.</summary>
    /// <param name="options">The fleet and clock settings.</param>
    /// <param name="url">Where to listen; port 0 picks a free port.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range; the message names it.</exception>
    public static Task<SimulatorServer> StartAsync(SimulatorOptions options, string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default) =>
        StartAsync(options, url, TimeProvider.System, consoleLogging: false, cancellationToken);

    /// <summary>Starts a simulator on a given real-time source, optionally logging warnings to the console.</summary>
    internal static async Task<SimulatorServer> StartAsync(SimulatorOptions options, string url, TimeProvider time, bool consoleLogging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        SimulatorOptionsValidator.ThrowIfInvalid(options);
        var (app, core) = SimulatorApplication.Build(options, url, time, consoleLogging);
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new SimulatorServer(app, core, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server and releases its port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) != 0)
        {
            return;
        }

        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }
}
