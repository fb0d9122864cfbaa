using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>
/// The organisation's accounts and regions found by the exporter itself: the real SDK and the exporter's own Organizations
/// client against the simulator's organisation (ListAccounts from its management account, OUs, tags, DescribeRegions,
/// AssumeRole into each account), accounts joining, leaving and being suspended between refreshes.
/// </summary>
public sealed class OrganizationTests
{
    private const string Management = "300000000001";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Accounts = [.. Enumerable.Range(1, 6).Select(i => (300000000000L + i).ToString(CultureInfo.InvariantCulture))];
    private static readonly string[] Enabled = ["--ClientVpn:Organization:Enabled=true", "--ClientVpn:Organization:RoleName=clientvpn-exporter"];

    [Fact]
    public async Task Organization_Enabled_EveryActiveAccountIsReadThroughItsRole()
    {
        await using var harness = await StartAsync(Enabled);
        var samples = await harness.ScrapeAsync();

        Assert.Equal(Accounts, AccountsRead(samples));
        Assert.Equal(Accounts.Length, Gauge(samples, "clientvpn_exporter_targets_seen"));
        Assert.Equal(Accounts.Length, Gauge(samples, "clientvpn_exporter_organization_accounts", ("state", "kept")));
        Assert.Equal(0, Gauge(samples, "clientvpn_exporter_organization_accounts", ("state", "excluded")));
        Assert.True(Gauge(samples, "clientvpn_exporter_organization_refresh_last_success_timestamp_seconds") > 0);
        Assert.DoesNotContain(samples, s => s.Name == "clientvpn_exporter_organization_refresh_errors_total");
        var requests = samples.Where(s => s.Name == "clientvpn_exporter_api_requests_total" && s.Label("operation") == "ListAccounts").ToList();
        Assert.Equal(("success", 1.0), (Assert.Single(requests).Label("outcome"), requests[0].Value));
    }

    [Fact]
    public async Task Organization_AccountIdFilters_KeepTheListedLessTheExcluded()
    {
        await using var harness = await StartAsync([
            .. Enabled,
            $"--ClientVpn:Organization:AccountIds:0={Accounts[1]}",
            $"--ClientVpn:Organization:AccountIds:1={Accounts[2]}",
            $"--ClientVpn:Organization:AccountIds:2={Accounts[3]}",
            $"--ClientVpn:Organization:ExcludeAccountIds:0={Accounts[2]}",
        ]);
        var samples = await harness.ScrapeAsync();

        Assert.Equal([Accounts[1], Accounts[3]], AccountsRead(samples));
        Assert.Equal(Accounts.Length - 2, Gauge(samples, "clientvpn_exporter_organization_accounts", ("state", "excluded")));
    }

    [Fact]
    public async Task Organization_UnitFilter_KeepsTheAccountsInTheUnitAndBelowIt()
    {
        var organization = await OrganizationAsync();
        var workloads = organization.OrganizationalUnits.First(u => u.Name == "Workloads").Id;
        var expected = organization.Accounts.Where(a => a.OrganizationalUnitIds.Contains(workloads)).Select(a => a.AccountId).Order().ToList();
        Assert.Contains(organization.Accounts, a => a.OrganizationalUnitIds.Count > 1 && a.OrganizationalUnitIds[0] == workloads);

        await using var harness = await StartAsync([.. Enabled, $"--ClientVpn:Organization:OrganizationalUnits:0={workloads}"]);

        Assert.Equal(expected, AccountsRead(await harness.ScrapeAsync()));
    }

    [Fact]
    public async Task Organization_TagFilter_KeepsTheAccountsWithOneOfTheValuesOfEveryKey()
    {
        var organization = await OrganizationAsync();
        var expected = organization.Accounts
            .Where(a => a.Tags.GetValueOrDefault("team") == "platform" && a.Tags.GetValueOrDefault("env") is "prod" or "dev")
            .Select(a => a.AccountId).Order().ToList();
        Assert.NotEmpty(expected);

        await using var harness = await StartAsync([
            .. Enabled,
            "--ClientVpn:Organization:AccountTags:team:0=platform",
            "--ClientVpn:Organization:AccountTags:env:0=prod",
            "--ClientVpn:Organization:AccountTags:env:1=dev",
        ]);

        Assert.Equal(expected, AccountsRead(await harness.ScrapeAsync()));
    }

    [Fact]
    public async Task Refresh_AccountsJoinLeaveAndAreSuspended_TheyAppearAndDisappearWithTheirSeries()
    {
        await using var harness = await StartAsync(
            async simulator => await PostAsync(simulator, $"/sim/organization/accounts/{Accounts[5]}/leave"),
            Enabled);
        Assert.Equal(Accounts[..5], AccountsRead(await harness.ScrapeAsync()));

        await PostAsync(harness.SimulatorHttp, $"/sim/organization/accounts/{Accounts[5]}/join");
        await PostAsync(harness.SimulatorHttp, $"/sim/organization/accounts/{Accounts[4]}/leave");
        using (var suspend = await harness.SimulatorHttp.PostAsJsonAsync($"/sim/organization/accounts/{Accounts[3]}/state", new { state = "SUSPENDED" }))
        {
            suspend.EnsureSuccessStatusCode();
        }

        Assert.True(await Refresh(harness).RefreshAsync(CancellationToken.None));
        await harness.PollAsync();
        var samples = await harness.ScrapeAsync();

        Assert.Equal([Accounts[0], Accounts[1], Accounts[2], Accounts[5]], AccountsRead(samples));
        var gone = new[] { Accounts[3], Accounts[4] };
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("clientvpn_endpoint_", StringComparison.Ordinal) && gone.Contains(s.Label("account_id")));
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("clientvpn_connection", StringComparison.Ordinal) && gone.Contains(s.Label("account_id")));
        Assert.Equal(1, Gauge(samples, "clientvpn_exporter_organization_accounts", ("state", "suspended")));
        Assert.Equal(4, Gauge(samples, "clientvpn_exporter_targets"));
    }

    [Fact]
    public async Task Refresh_ListAccountsFails_KeepsTheLastListAndCountsTheError()
    {
        await using var harness = await StartAsync(Enabled);
        using (var deny = await harness.SimulatorHttp.PutAsJsonAsync("/sim/permissions", new { deny = new[] { new { accountId = Management, action = "ListAccounts" } } }))
        {
            deny.EnsureSuccessStatusCode();
        }

        Assert.False(await Refresh(harness).RefreshAsync(CancellationToken.None));
        await harness.PollAsync();
        var samples = await harness.ScrapeAsync();

        Assert.Equal(Accounts, AccountsRead(samples));
        Assert.Equal(1, Gauge(samples, "clientvpn_exporter_organization_refresh_errors_total", ("reason", "list_accounts")));
    }

    [Fact]
    public async Task Organization_AssumeRoleDeniedInOneAccount_TheOthersAreRead()
    {
        await using var harness = await StartAsync(
            async simulator =>
            {
                using var response = await simulator.PutAsJsonAsync("/sim/permissions", new { deny = new[] { new { accountId = Accounts[2], action = "AssumeRole" } } });
                response.EnsureSuccessStatusCode();
            },
            Enabled);
        var samples = await harness.ScrapeAsync();

        Assert.Equal(Accounts.Where(a => a != Accounts[2]), AccountsRead(samples));
        Assert.Equal(Accounts.Length, Gauge(samples, "clientvpn_exporter_targets"));
    }

    [Fact]
    public async Task RegionsAll_EnabledRegionsComeFromDescribeRegionsAndARegionDisabledTakesItsSeries()
    {
        var simulated = Simulated();
        simulated.EndpointRegions = ["eu-west-1"];
        await using var harness = await ExporterOnSimulator.StartAsync(simulated, _ => Task.CompletedTask, _ => { }, [.. Enabled, "--ClientVpn:Regions:0=all"]);
        var samples = await harness.ScrapeAsync();

        Assert.Equal(Accounts.Length * 2, Gauge(samples, "clientvpn_exporter_targets_seen"));
        Assert.Equal(Accounts.Length, samples.Count(s => s.Name == "clientvpn_exporter_api_requests_total" && s.Label("operation") == "DescribeRegions" && s.Label("outcome") == "success"));
        Assert.Equal(["eu-west-1"], EndpointRegionsOf(samples, Accounts[1]));

        using (var disable = await harness.SimulatorHttp.DeleteAsync($"/sim/accounts/{Accounts[1]}/regions/eu-west-1"))
        {
            disable.EnsureSuccessStatusCode();
        }

        Assert.True(await Refresh(harness).RefreshAsync(CancellationToken.None));
        await harness.PollAsync();
        samples = await harness.ScrapeAsync();

        Assert.Equal((Accounts.Length * 2) - 1, Gauge(samples, "clientvpn_exporter_targets_seen"));
        Assert.Empty(EndpointRegionsOf(samples, Accounts[1]));
        Assert.Equal(["eu-west-1"], EndpointRegionsOf(samples, Accounts[2]));
    }

    private static List<string> EndpointRegionsOf(List<Sample> samples, string account) =>
        [.. samples.Where(s => s.Name == "clientvpn_endpoint_info" && s.Label("account_id") == account).Select(s => s.Label("region")).Distinct().Order(StringComparer.Ordinal)];

    private static Task<ExporterOnSimulator> StartAsync(string[] settings) => StartAsync(_ => Task.CompletedTask, settings);

    private static Task<ExporterOnSimulator> StartAsync(Func<HttpClient, Task> prepare, string[] settings) =>
        ExporterOnSimulator.StartAsync(Simulated(), prepare, _ => { }, settings);

    private static SimulatorOptions Simulated() => new()
    {
        Endpoints = 1, ConnectionsPerEndpoint = 2, Seed = 41, Accounts = [.. Accounts], Regions = ["us-east-1", "eu-west-1"],
    };

    private static async Task<OrganizationDocument> OrganizationAsync()
    {
        await using var simulator = await SimulatorServer.StartAsync(Simulated());
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        return (await http.GetFromJsonAsync<OrganizationDocument>("/sim/organization", Json))!;
    }

    private static OrganizationRefresh Refresh(ExporterOnSimulator harness) => harness.Exporter.Services.GetRequiredService<OrganizationRefresh>();

    private static async Task PostAsync(HttpClient simulator, string path)
    {
        using var response = await simulator.PostAsync(path, null);
        response.EnsureSuccessStatusCode();
    }

    private static List<string> AccountsRead(List<Sample> samples) =>
        [.. samples.Where(s => s.Name == "clientvpn_endpoint_info").Select(s => s.Label("account_id")).Distinct().Order(StringComparer.Ordinal)];

    private static double Gauge(List<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        Assert.Single(samples, s => s.Name == name && labels.All(l => s.Label(l.Key) == l.Value)).Value;

    private sealed record OrganizationDocument(string ManagementAccountId, List<Unit> OrganizationalUnits, List<Account> Accounts);

    private sealed record Unit(string Id, string Name, string ParentId);

    private sealed record Account(string AccountId, bool Member, string? State, List<string> OrganizationalUnitIds, Dictionary<string, string> Tags);
}
