using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Control;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Protocol;
using Microsoft.Extensions.Logging.Console;

namespace ClientVpnSimulator.Hosting;

/// <summary>Assembles the simulation and its HTTP application.</summary>
internal static class SimulatorApplication
{
    /// <summary>Builds (without starting) an application serving a new simulation on <paramref name="url"/>.</summary>
    public static (WebApplication App, SimulatorCore Core) Build(SimulatorOptions options, string url, TimeProvider time, bool consoleLogging)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);

        // The empty builder reads no appsettings.json, environment or command line: run inside another
        // application (the exporter's demo and tests), the simulator must not pick up that host's settings.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorApplication).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls(url);
        builder.Services.AddRoutingCore();
        if (consoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.ColorBehavior = LoggerColorBehavior.Disabled);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        var app = builder.Build();
        var startMs = options.StartTime?.ToUnixTimeMilliseconds()
            ?? SimulatedTime.FloorToSecond(time.GetUtcNow().ToUnixTimeMilliseconds());
        var clock = new SimulationClock(time, startMs, options.ClockSpeed, options.StartPaused);
        var fleet = new FleetSimulation(clock, new FleetSettings(options.ConnectionsPerEndpoint, options.ChurnPerHour), options.Seed, options.Endpoints);
        var tokens = new PageTokenCodec(options.Seed);
        var dispatcher = new ActionDispatcher(
        [
            new DescribeClientVpnEndpointsAction(fleet, tokens),
            new DescribeClientVpnConnectionsAction(fleet, tokens),
        ]);
        var requests = new RequestCounters(dispatcher.ActionNames);

        // Fault injection goes after counting, so that ground truth also counts the requests it fails.
        var pipeline = new QueryPipeline([new RequestCountingStage(requests)], dispatcher);
        app.MapSimulatorControl(fleet, requests);
        app.MapEc2Query(pipeline);
        return (app, new SimulatorCore(clock, fleet, requests));
    }
}
