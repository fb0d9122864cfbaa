using ClientVpnSimulator.Accounts;
using ClientVpnSimulator.Acm;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Control;
using ClientVpnSimulator.Faults;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Health;
using ClientVpnSimulator.Iam;
using ClientVpnSimulator.Logs;
using ClientVpnSimulator.Permissions;
using ClientVpnSimulator.Protocol;
using ClientVpnSimulator.Sts;
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
        var logSettings = new ConnectionLogSettings
        {
            FailedAttemptShare = options.FailedAttemptShare,
            IngestionDelay = IngestionDelay.TryParse(options.LogIngestionDelay, out var delay) ? delay : throw new ArgumentOutOfRangeException(nameof(options)),
        };
        var fleet = new FleetSimulation(
            clock,
            new FleetSettings(options.ConnectionsPerEndpoint, options.ChurnPerHour) { ConnectionLog = logSettings },
            options.Seed,
            options.Endpoints,
            options.Accounts);
        var accounts = new AccountDirectory(options.Accounts, new CredentialStore(options.Seed, time));
        var tokens = new PageTokenCodec(options.Seed);
        var signer = new RevocationListSigner();
        app.Lifetime.ApplicationStopped.Register(signer.Dispose);
        var dispatcher = new ActionDispatcher(
        [
            new DescribeClientVpnEndpointsAction(fleet, tokens),
            new DescribeClientVpnConnectionsAction(fleet, tokens),
            new DescribeClientVpnTargetNetworksAction(fleet, tokens),
            new DescribeClientVpnAuthorizationRulesAction(fleet, tokens),
            new DescribeClientVpnRoutesAction(fleet, tokens),
            new ExportClientVpnClientCertificateRevocationListAction(fleet, signer),
            new AssumeRoleAction(accounts, options.RequiredExternalId, options.CredentialLifetime),
            new GetCallerIdentityAction(),
            new GetSamlProviderAction(fleet),
            new DescribeCertificateAction(fleet),
            new FilterLogEventsAction(fleet, tokens),
        ]);
        var requests = new RequestCounters(dispatcher.ActionNames, options.Accounts);
        var scope = new RuleScope(dispatcher.Actions, accounts);
        var faults = new FaultInjectionStage(scope, tokens, time, options.Seed);
        var permissions = new PermissionPolicy(scope);

        // Faults go right after counting, so that ground truth also counts the requests they fail; then
        // what AWS checks before running an action: the credentials, then IAM.
        var pipeline = new QueryPipeline(
            [new RequestCountingStage(requests), faults, new ExpiredCredentialStage(accounts.Credentials), new PermissionStage(permissions)],
            dispatcher);
        var core = new SimulatorCore(clock, fleet, accounts, requests, faults, permissions);
        app.MapSimulatorControl(core);
        app.MapQueryProtocol(pipeline, accounts, app.Lifetime.ApplicationStopping);
        return (app, core);
    }
}
