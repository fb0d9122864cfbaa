using System.Text.Json.Nodes;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>
/// Issue 16's live test: the simulator's client-connect handler denies everyone on one endpoint; the exporter reads the
/// denials from the endpoint's connection log (CloudWatch Logs FilterLogEvents), Prometheus' shipped rules fire
/// ClientVpnClientConnectHandlerDenyingAll and Alertmanager delivers it to its webhook; it resolves once the handler
/// admits clients again.
/// </summary>
[Collection(LiveMonitoringGroup.Name)]
public class ConnectionAttemptAlertingTests(LiveMonitoring stack)
{
    private const string Alert = "ClientVpnClientConnectHandlerDenyingAll";

    // The alert judges 5-minute windows of the attempt counters: it fires once a whole window holds no successful
    // attempt, about 5 minutes after the denial starts (a log read every 10 s; on a loaded machine).
    private static readonly TimeSpan FiringTimeout = TimeSpan.FromMinutes(9);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ClientConnectHandlerDenyingEveryone_FiresInAlertmanager_AndResolvesWhenItAdmitsAgain()
    {
        await stack.WaitUntilHealthyAsync();
        var endpoint = await this.EndpointWithAHandlerAndSuccessfulAttemptsAsync();
        Assert.Empty(await stack.ActiveAlertsAsync(Alert));

        await stack.ControlAsync(HttpMethod.Post, $"sim/endpoints/{endpoint}/client-connect-outcome", """{"deny": true}""");
        JsonArray firing;
        try
        {
            firing = await stack.WaitForAlertsAsync(Alert, 1, FiringTimeout);
        }
        finally
        {
            await stack.ControlAsync(HttpMethod.Post, $"sim/endpoints/{endpoint}/client-connect-outcome", """{"deny": false}""");
        }

        var alert = firing.Single()!;
        Assert.Equal("critical", (string?)alert["labels"]!["severity"]);
        Assert.Equal(endpoint, (string?)alert["labels"]!["endpoint_id"]);
        Assert.False(string.IsNullOrEmpty((string?)alert["labels"]!["endpoint_name"]), "the alert names the endpoint");
        Assert.Contains("denies every connection", (string?)alert["annotations"]!["summary"], StringComparison.Ordinal);
        Assert.EndsWith("#clientvpnclientconnecthandlerdenyingall", (string?)alert["annotations"]!["runbook_url"], StringComparison.Ordinal);

        // What made it fire is in Prometheus: denials counted from the log, and no success in the window.
        var denied = await stack.QueryAsync($"sum(increase(clientvpn_connection_attempts_total{{endpoint_id=\"{endpoint}\", status=\"failed\", reason=\"client-connect-failed\"}}[5m]))");
        Assert.True(double.Parse((string)denied.Single()!["value"]![1]!, System.Globalization.CultureInfo.InvariantCulture) >= 10, "denials in the connection log");

        await stack.WaitForResolutionAsync(Alert, Timeout);
        var admitted = await stack.QueryAsync($"sum(increase(clientvpn_connection_attempts_total{{endpoint_id=\"{endpoint}\", status=\"successful\"}}[1m])) > 0");
        Assert.Single(admitted);
    }

    /// <summary>
    /// An endpoint with a client-connect handler whose connection log is read and shows successful attempts: the one the
    /// simulator can make deny everyone.
    /// </summary>
    private Task<string> EndpointWithAHandlerAndSuccessfulAttemptsAsync() => Poll.UntilAsync(
        async () =>
        {
            var found = await stack.QueryAsync(
                "max by (endpoint_id) (clientvpn_endpoint_client_connect_info{enabled=\"true\"})"
                + " and on (endpoint_id) max by (endpoint_id) (clientvpn_endpoint_connection_log_enabled == 1)"
                + " and on (endpoint_id) sum by (endpoint_id) (increase(clientvpn_connection_attempts_total{status=\"successful\"}[1m])) > 0");
            return found.Select(s => (string?)s!["metric"]!["endpoint_id"]).Order(StringComparer.Ordinal).FirstOrDefault();
        },
        Timeout,
        "an endpoint with a client-connect handler and successful attempts in its connection log",
        () => stack.Diagnostics);
}
