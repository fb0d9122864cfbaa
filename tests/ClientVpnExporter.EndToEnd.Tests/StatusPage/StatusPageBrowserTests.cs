using ClientVpnExporter.EndToEnd.Tests.Live;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.StatusPage;

/// <summary>
/// The status page at <c>/</c> as an operator's browser sees it: Debian's Chromium, headless, loads it from the
/// exporter of the live stack while the simulator fails one endpoint's reads; each endpoint's connection attempts and
/// top failure reasons from its connection log, or that it has connection logging disabled. A screenshot of each run is kept with
/// the test results (<see cref="ArtifactsDirectory"/>).
/// </summary>
[Collection(LiveMonitoringGroup.Name)]
public partial class StatusPageBrowserTests(LiveMonitoring stack)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Where the screenshots go: <c>$TEST_RESULTS/status-page</c> (.ci/run sets it), else the repository's artifacts/test-results.</summary>
    public static string ArtifactsDirectory => Path.Combine(
        Environment.GetEnvironmentVariable("TEST_RESULTS") is { Length: > 0 } results ? results : Path.Combine(RepositoryPaths.Root, "artifacts", "test-results"),
        "status-page");

    [Fact]
    public async Task StatusPage_InHeadlessChromium_ShowsTheEndpointTheSimulatorFailsTheCertificateItMakesExpireAndTheAttempts()
    {
        await stack.WaitUntilHealthyAsync();
        var endpoints = (await stack.QueryAsync($"clientvpn_endpoint_info{{job=\"{LiveMonitoring.Job}\"}}"))
            .Select(series => (string)series!["metric"]!["endpoint_id"]!)
            .Order(StringComparer.Ordinal)
            .ToList();
        var faulty = endpoints[0];
        var expiring = endpoints[1];
        var page = new Uri(stack.Exporter.BaseAddress!, "/");
        var certificate = await Poll.UntilAsync(
            async () => await stack.QueryAsync($"clientvpn_endpoint_certificate_info{{endpoint_id=\"{expiring}\", certificate=\"server\"}}") is { Count: 1 } found ? found[0] : null,
            Timeout,
            $"the server certificate of {expiring} in Prometheus");
        var arn = (string)certificate!["metric"]!["certificate_arn"]!;
        var type = ((string)certificate["metric"]!["type"]!).ToUpperInvariant();
        var renewal = ((string)certificate["metric"]!["renewal_eligibility"]!).ToUpperInvariant();
        var expiry = await stack.QueryAsync($"clientvpn_endpoint_certificate_expiry_timestamp_seconds{{endpoint_id=\"{expiring}\", certificate=\"server\"}}");
        var notAfter = DateTimeOffset.FromUnixTimeSeconds((long)double.Parse((string)expiry.Single()!["value"]![1]!, System.Globalization.CultureInfo.InvariantCulture));
        var logging = (await stack.QueryAsync($"clientvpn_endpoint_connection_log_enabled{{job=\"{LiveMonitoring.Job}\"}}"))
            .ToLookup(series => (string)series!["value"]![1]! == "1", series => (string)series!["metric"]!["endpoint_id"]!);
        var logged = logging[true].Order(StringComparer.Ordinal).First();
        var notLogged = logging[false].Order(StringComparer.Ordinal).First();
        var successfulSeries = await Poll.UntilAsync(
            async () => await stack.QueryAsync($"sum(clientvpn_connection_attempts_total{{endpoint_id=\"{logged}\", status=\"successful\"}}) > 0") is { Count: 1 } found ? found[0] : null,
            Timeout,
            $"successful attempts of {logged} in Prometheus");
        var successful = double.Parse((string)successfulSeries!["value"]![1]!, System.Globalization.CultureInfo.InvariantCulture);

        await stack.SetFaultsAsync($$"""{"seed": 1, "rules": [{"action": "DescribeClientVpnConnections", "endpointId": "{{faulty}}", "authFailureRate": 1.0}]}""");
        await stack.ControlAsync(HttpMethod.Post, "sim/certificates", $$"""{"certificateArn": "{{arn}}", "notAfter": "{{DateTimeOffset.UtcNow.AddDays(2.5):O}}", "type": "IMPORTED", "renewalEligibility": "INELIGIBLE"}""");
        string dom;
        try
        {
            dom = await Poll.UntilAsync(
                async () =>
                {
                    var current = await HeadlessChromium.DumpDomAsync(page);
                    return Row(current, faulty)?.Contains("AuthFailure", StringComparison.Ordinal) == true
                        && Row(current, expiring)?.Contains(ExpiringCertificate, StringComparison.Ordinal) == true
                        && Row(current, logged)?.Contains("top failures:", StringComparison.Ordinal) == true ? current : null;
                },
                Timeout,
                $"the status page in Chromium to show {faulty} failing with AuthFailure, the server certificate of {expiring} expiring and the failed attempts of {logged}");
            Directory.CreateDirectory(ArtifactsDirectory);
            await HeadlessChromium.ScreenshotAsync(page, Path.Combine(ArtifactsDirectory, "failing-endpoint.png"));
        }
        finally
        {
            await stack.ClearFaultsAsync();
            await stack.ControlAsync(HttpMethod.Post, "sim/certificates", $$"""{"certificateArn": "{{arn}}", "notAfter": "{{notAfter:O}}", "type": "{{type}}", "renewalEligibility": "{{renewal}}"}""");
        }

        // The certificate's own section lists it with its ARN and ACM's view of it.
        var section = dom[dom.IndexOf($"<section id=\"health-{expiring}\">", StringComparison.Ordinal)..];
        Assert.Contains($"<td>server</td><td>{arn}</td><td>issued</td><td>imported</td><td>ineligible</td>", section, StringComparison.Ordinal);
        Assert.Contains(ExpiringCertificate, section, StringComparison.Ordinal);

        Assert.Contains("<title>AWS Client VPN exporter</title>", dom, StringComparison.Ordinal);
        Assert.Contains("<span class=\"bad\">AuthFailure</span>", Row(dom, faulty), StringComparison.Ordinal);
        foreach (var healthy in endpoints.Skip(1))
        {
            Assert.Contains("<span class=\"ok\">none</span>", Row(dom, healthy), StringComparison.Ordinal);
        }

        // Attempts since the exporter started, by status, at least what Prometheus had scraped before the page was made,
        // and the most frequent failure reasons (documented ones, or other); an endpoint without logging says so.
        var attempts = AttemptsCell().Match(Row(dom, logged)!);
        Assert.True(attempts.Success, Row(dom, logged));
        Assert.True(ulong.Parse(attempts.Groups["successful"].Value, System.Globalization.CultureInfo.InvariantCulture) >= successful, $"{attempts.Value} against {successful} in Prometheus");
        Assert.All(
            attempts.Groups["reasons"].Value.Split(", "),
            reason => Assert.Matches(@"^(client-connect-failed|client-connect-handler-[a-z-]+|authorization-policy-deny|other) [0-9]+$", reason));
        Assert.Contains("<span class=\"muted\">connection logging disabled</span>", Row(dom, notLogged), StringComparison.Ordinal);
        var logSection = dom[dom.IndexOf($"<section id=\"health-{logged}\">", StringComparison.Ordinal)..];
        Assert.Contains($"<td>/aws/clientvpn/{logged} / connections</td>", logSection, StringComparison.Ordinal);

        Assert.Contains("<table id=\"permissions\">", dom, StringComparison.Ordinal);
        Assert.Contains("<table id=\"polls\">", dom, StringComparison.Ordinal);
        Assert.Contains("AuthFailure</td>", dom[dom.IndexOf("<table id=\"polls\">", StringComparison.Ordinal)..], StringComparison.Ordinal);

        // Nothing on the page runs or loads: no script, and no address but the exporter's own relative links.
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", dom.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.True(new FileInfo(Path.Combine(ArtifactsDirectory, "failing-endpoint.png")).Length > 10_000, "the screenshot is an image of the page");
    }

    /// <summary>The attempts cell of an endpoint row: counts by status, then the top failure reasons.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"<td>(?<successful>[0-9]+) successful, [0-9]+ failed[^<]*<br>top failures: <span class=""warn"">(?<reasons>[^<]+)</span></td>")]
    private static partial System.Text.RegularExpressions.Regex AttemptsCell();

    /// <summary>How the page shows a certificate ACM will not renew with two and a half days left: critical.</summary>
    private const string ExpiringCertificate = "<span class=\"bad\">2.5 days left</span>";

    /// <summary>The endpoint's row of the endpoints table, as Chromium serializes it; null when there is none.</summary>
    private static string? Row(string dom, string endpointId)
    {
        var start = dom.IndexOf($"<tr id=\"{endpointId}\">", StringComparison.Ordinal);
        return start < 0 ? null : dom[start..dom.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
