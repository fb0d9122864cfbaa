using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>A fault in the simulator, followed through Prometheus' rules to Alertmanager and its webhook, and back.</summary>
[Collection(LiveMonitoringGroup.Name)]
public class AlertingTests(LiveMonitoring stack)
{
    private const string Alert = "ClientVpnEndpointDown";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task SimulatorOutage_FiresEndpointDownInAlertmanager_AndResolvesWhenTheSimulatorIsBack()
    {
        await stack.WaitUntilHealthyAsync();
        Assert.Empty(await this.ActiveAlertsAsync());

        await stack.StopSimulatorAsync();
        JsonArray firing;
        try
        {
            firing = await Poll.UntilAsync(
                async () => await this.ActiveAlertsAsync() is { Count: 3 } alerts ? alerts : null,
                Timeout,
                $"{Alert} for all three endpoints in Alertmanager",
                () => stack.Diagnostics);
        }
        finally
        {
            await stack.StartSimulatorAsync();
        }

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

        await Poll.UntilAsync(() => Task.FromResult(stack.Webhook.Received("firing", Alert)), Timeout, "the webhook receiver to be notified of the firing alert");

        await Poll.UntilAsync(async () => (await this.ActiveAlertsAsync()).Count == 0, Timeout, $"{Alert} to resolve in Alertmanager", () => stack.Diagnostics);
        await Poll.UntilAsync(() => Task.FromResult(stack.Webhook.Received("resolved", Alert)), Timeout, "the webhook receiver to be notified of the resolution");
    }

    private async Task<JsonArray> ActiveAlertsAsync()
    {
        var url = "api/v2/alerts?active=true&filter=" + Uri.EscapeDataString($"alertname=\"{Alert}\"");
        return (await stack.Alertmanager.GetFromJsonAsync<JsonArray>(url))!;
    }
}
