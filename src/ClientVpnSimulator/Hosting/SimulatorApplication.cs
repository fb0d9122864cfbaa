using ClientVpnSimulator.Accounts;
using ClientVpnSimulator.Acm;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Control;
using ClientVpnSimulator.Faults;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Health;
using ClientVpnSimulator.Iam;
using ClientVpnSimulator.Organizations;
using ClientVpnSimulator.Permissions;
using ClientVpnSimulator.Protocol;
using ClientVpnSimulator.Regions;
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
        var accountIds = SimulatedAccountIds.Of(options);
        var fleet = new FleetSimulation(
            clock, new FleetSettings(options.ConnectionsPerEndpoint, options.ChurnPerHour), options.Seed, options.Endpoints, accountIds, SimulatedAccountIds.WithEndpoints(options));
        var accounts = new AccountDirectory(accountIds, new CredentialStore(options.Seed, time));
        var organization = OrganizationLayout.Create(accountIds, options.Seed, startMs);
        var regions = new AccountRegions(accountIds, options.Regions ?? RegionCatalog.EnabledByDefault, options.EndpointRegions);
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
            new DescribeRegionsAction(regions),
            new ListAccountsAction(organization, tokens),
            new ListRootsAction(organization, tokens),
            new ListChildrenAction(organization, tokens),
            new ListParentsAction(organization, tokens),
            new ListTagsForResourceAction(organization, tokens),
        ]);
        var requests = new RequestCounters(dispatcher.ActionNames, accountIds);
        var scope = new RuleScope(dispatcher.Actions, accounts);
        var faults = new FaultInjectionStage(scope, tokens, time, options.Seed);
        var permissions = new PermissionPolicy(scope);

        // Faults go right after counting, so that ground truth also counts the requests they fail; then
        // what AWS checks before running an action: the credentials, the account's standing and region, then IAM.
        var pipeline = new QueryPipeline(
            [
                new RequestCountingStage(requests), faults, new ExpiredCredentialStage(accounts.Credentials), new SuspendedAccountStage(organization),
                new RegionEnabledStage(regions), new PermissionStage(permissions),
            ],
            dispatcher);
        var core = new SimulatorCore(clock, fleet, accounts, requests, faults, permissions, organization, regions);
        app.MapSimulatorControl(core);
        app.MapOrganizationControl(core);
        app.MapQueryProtocol(pipeline, accounts, app.Lifetime.ApplicationStopping);
        return (app, core);
    }
}
