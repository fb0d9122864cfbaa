using System.Text.Json.Nodes;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>Faults in the simulator, followed through Prometheus' rules to Alertmanager and its webhook, and back.</summary>
[Collection(LiveMonitoringGroup.Name)]
public class AlertingTests(LiveMonitoring stack)
{
    private const int Endpoints = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public Task ServerErrorsOnConnectionReads_FireEndpointDownInAlertmanager_AndClearingThemResolvesIt() =>
        // Every DescribeClientVpnConnections answers 500 InternalError or 503 Unavailable, retries included.
        this.EndpointDownFiresAndResolvesAsync(
            () => stack.SetFaultsAsync("""{"seed": 1, "rules": [{"action": "DescribeClientVpnConnections", "serverErrorRate": 1.0}]}"""),
            stack.ClearFaultsAsync);

    [Fact]
    public Task SimulatorOutage_FiresEndpointDownInAlertmanager_AndResolvesWhenTheSimulatorIsBack() =>
        this.EndpointDownFiresAndResolvesAsync(stack.StopSimulatorAsync, stack.StartSimulatorAsync);

    [Fact]
    public async Task MalformedCounters_FireParseErrorsInAlertmanager_NamingTheField()
    {
        await stack.WaitUntilHealthyAsync();

        // The alert looks at the last 10 minutes of parse errors, so it resolves only that long after the fault
        // is cleared: this test sees it fire and does not wait for the resolution.
        await stack.SetFaultsAsync("""{"seed": 1, "rules": [{"action": "DescribeClientVpnConnections", "malformedFields": {"ingressBytes": "12x"}, "malformedFieldRate": 1.0}]}""");
        JsonArray firing;
        try
        {
            firing = await stack.WaitForAlertsAsync("ClientVpnExporterParseErrors", 1, Timeout);
        }
        finally
        {
            await stack.ClearFaultsAsync();
        }

        var alert = firing.Single()!;
        Assert.Equal("ingressBytes", (string?)alert["labels"]!["field"]);
        Assert.Equal("info", (string?)alert["labels"]!["severity"]);
        Assert.Equal("The Client VPN exporter cannot parse ingressBytes.", (string?)alert["annotations"]!["summary"]);
    }

    /// <summary>Switches a fault on until ClientVpnEndpointDown fires for every endpoint, then off until it resolves.</summary>
    private async Task EndpointDownFiresAndResolvesAsync(Func<Task> switchOn, Func<Task> switchOff)
    {
        await stack.WaitUntilHealthyAsync();
        Assert.Empty(await stack.ActiveAlertsAsync("ClientVpnEndpointDown"));

        await switchOn();
        JsonArray firing;
        try
        {
            firing = await stack.WaitForAlertsAsync("ClientVpnEndpointDown", Endpoints, Timeout);
        }
        finally
        {
            await switchOff();
        }

        AssertEndpointDownAlerts(firing);
        await stack.WaitForResolutionAsync("ClientVpnEndpointDown", Timeout);
    }

    private static void AssertEndpointDownAlerts(JsonArray firing)
    {
        foreach (var alert in firing)
        {
            var labels = alert!["labels"]!;
            Assert.Equal("warning", (string?)labels["severity"]);
            Assert.Equal(LiveMonitoring.Job, (string?)labels["job"]);
            Assert.StartsWith("cvpn-endpoint-", (string?)labels["endpoint_id"], StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty((string?)labels["endpoint_name"]), "the alert names the endpoint");
            Assert.EndsWith("#clientvpnendpointdown", (string?)alert["annotations"]!["runbook_url"], StringComparison.Ordinal);
            Assert.Contains((string)labels["endpoint_id"]!, (string?)alert["annotations"]!["summary"], StringComparison.Ordinal);
        }
    }
}
