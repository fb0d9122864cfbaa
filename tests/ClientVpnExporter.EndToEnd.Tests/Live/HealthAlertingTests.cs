using System.Globalization;
using System.Text.Json.Nodes;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>
/// Issue 12's failures, made in the simulator and followed through the exporter's health reads, Prometheus' shipped
/// rules and Alertmanager to its webhook, and back when the simulator puts them right.
/// </summary>
[Collection(LiveMonitoringGroup.Name)]
public class HealthAlertingTests(LiveMonitoring stack)
{
    // A health read every 10 s, a scrape and an evaluation every second, Alertmanager's 1 s group wait; on a loaded machine.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task CrlPastItsNextUpdateAndLastSubnetRemoved_FireInAlertmanager_AndResolveWhenPutRight()
    {
        await stack.WaitUntilHealthyAsync();
        var crlEndpoint = EndpointOf((await this.SeriesAsync("clientvpn_endpoint_crl_next_update_timestamp_seconds", "a CRL's nextUpdate")).First());
        var associations = (await this.SeriesAsync("clientvpn_endpoint_target_network_info{status=\"associated\"}", "associated subnets"))
            .Where(s => EndpointOf(s) != crlEndpoint)
            .GroupBy(EndpointOf)
            .First();
        var subnetEndpoint = associations.Key;
        Assert.Empty(await stack.ActiveAlertsAsync("ClientVpnCrlExpired"));
        Assert.Empty(await stack.ActiveAlertsAsync("ClientVpnEndpointNoAssociatedSubnet"));

        await stack.ControlAsync(HttpMethod.Put, $"sim/endpoints/{crlEndpoint}/crl", $$"""{"nextUpdate": "{{Iso(DateTimeOffset.UtcNow.AddDays(-1))}}"}""");
        foreach (var association in associations)
        {
            await stack.ControlAsync(HttpMethod.Delete, $"sim/endpoints/{subnetEndpoint}/associations/{(string)association!["metric"]!["association_id"]!}");
        }

        JsonArray crlAlerts, subnetAlerts;
        try
        {
            crlAlerts = await stack.WaitForAlertsAsync("ClientVpnCrlExpired", 1, Timeout);
            subnetAlerts = await stack.WaitForAlertsAsync("ClientVpnEndpointNoAssociatedSubnet", 1, Timeout);
        }
        finally
        {
            await stack.ControlAsync(HttpMethod.Put, $"sim/endpoints/{crlEndpoint}/crl", $$"""{"nextUpdate": "{{Iso(DateTimeOffset.UtcNow.AddDays(30))}}"}""");
            foreach (var _ in associations)
            {
                await stack.ControlAsync(HttpMethod.Post, $"sim/endpoints/{subnetEndpoint}/associations");
            }
        }

        AssertAlert(crlAlerts.Single()!, crlEndpoint, "has expired", "#clientvpncrlexpired");
        AssertAlert(subnetAlerts.Single()!, subnetEndpoint, "has no associated subnet", "#clientvpnendpointnoassociatedsubnet");

        await stack.WaitForResolutionAsync("ClientVpnCrlExpired", Timeout);
        await stack.WaitForResolutionAsync("ClientVpnEndpointNoAssociatedSubnet", Timeout);
    }

    private static void AssertAlert(JsonNode alert, string endpointId, string summary, string runbookAnchor)
    {
        Assert.Equal("critical", (string?)alert["labels"]!["severity"]);
        Assert.Equal(endpointId, (string?)alert["labels"]!["endpoint_id"]);
        Assert.False(string.IsNullOrEmpty((string?)alert["labels"]!["endpoint_name"]), "the alert names the endpoint");
        Assert.Contains(summary, (string?)alert["annotations"]!["summary"], StringComparison.Ordinal);
        Assert.EndsWith(runbookAnchor, (string?)alert["annotations"]!["runbook_url"], StringComparison.Ordinal);
    }

    /// <summary>The series of <paramref name="selector"/> once the exporter's first health read has reached Prometheus.</summary>
    private Task<JsonArray> SeriesAsync(string selector, string what) => Poll.UntilAsync(
        async () => await stack.QueryAsync(selector) is { Count: > 0 } series ? series : null,
        Timeout,
        what + " in Prometheus",
        () => stack.Diagnostics);

    private static string EndpointOf(JsonNode? series) => (string)series!["metric"]!["endpoint_id"]!;

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
