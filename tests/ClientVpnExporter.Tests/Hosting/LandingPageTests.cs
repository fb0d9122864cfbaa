using ClientVpnExporter.Attempts;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Health;
using ClientVpnExporter.Hosting;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.Tests.Hosting;

/// <summary>The status page at <c>/</c>: what it shows of the fleet, encoded, and what it shows of a real exporter on the simulator.</summary>
public class LandingPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_EndpointNameTagWithAScriptElement_EncodesItEverywhere()
    {
        var hostile = "<script>alert('x')</script>&\"";
        var endpoint = View("cvpn-endpoint-0123456789abcdef0", up: false) with
        {
            Endpoint = Description("cvpn-endpoint-0123456789abcdef0") with { Name = hostile, Status = "<b>available</b>" },
            FailureCode = "<img src=x onerror=alert(1)>",
            Health = new HealthReading { Certificates = [new CertificateReading("server", "arn:<script>", Now.AddDays(3), "issued", "imported", "ineligible")] },
        };

        var html = LandingPage.Render(new FleetView([endpoint], 1, Now), [new PermissionState("ec2:<x>", "123456789012", "us-east-1", true)], [], Now);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<x>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HealthReading_ShowsDaysLeftSubnetsRulesAndReads()
    {
        var endpoint = View("cvpn-endpoint-0123456789abcdef0", up: true) with
        {
            Health = new HealthReading
            {
                Certificates =
                [
                    new CertificateReading("server", "arn:aws:acm:us-east-1:123456789012:certificate/server", Now.AddDays(3.25), "issued", "imported", "ineligible"),
                    new CertificateReading("client_root", "arn:aws:acm:us-east-1:123456789012:certificate/root", Now.AddDays(400), "revoked", "imported", "ineligible"),
                ],
                Crl = new CrlReading("active", Now.AddDays(-30), Now.AddHours(-12), 4),
                TargetNetworks =
                [
                    new TargetNetworkReading("cvpn-assoc-1", "subnet-1", "vpc-1", "us-east-1a", "associated"),
                    new TargetNetworkReading("cvpn-assoc-2", "subnet-2", "vpc-1", "us-east-1b", "association-failed"),
                ],
                AuthorizationRules = [new StatusCount("active", 3), new StatusCount("failed", 1)],
                Routes = [new StatusCount("active", 2), new StatusCount("failed", 0)],
                ConnectionQuota = 7000,
                Reads = [new ResourceRead(HealthResource.Crl, Now.AddMinutes(-5), null, false), new ResourceRead(HealthResource.Certificates, null, "AccessDeniedException", true)],
            },
        };

        var html = LandingPage.Render(new FleetView([endpoint], 1, Now), [], [], Now);

        Assert.Contains("server: <span class=\"bad\">3.3 days left</span>", html, StringComparison.Ordinal);
        Assert.Contains("client_root: <span class=\"bad\">revoked; 400.0 days left</span>", html, StringComparison.Ordinal);
        Assert.Contains("CRL: <span class=\"bad\">expired 0.5 days ago</span>", html, StringComparison.Ordinal);
        Assert.Contains("1 associated</span><br><span class=\"bad\">1 association-failed</span>", html, StringComparison.Ordinal);
        Assert.Contains("1 of 4 rules failed", html, StringComparison.Ordinal);
        Assert.Contains("2 routes, none failed", html, StringComparison.Ordinal);
        Assert.Contains("7,000 / 10.100.0.0/22 (1,024 addresses)", html, StringComparison.Ordinal);
        Assert.Contains("<td>certificates</td><td>never</td><td><span class=\"bad\">not permitted</span>", html, StringComparison.Ordinal);
        Assert.Contains("<td>crl</td><td>2026-12-01 11:55:00 UTC (5 min ago)</td><td><span class=\"ok\">none</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AttemptsReading_ShowsCountsByStatusAndTheTopFailureReasons()
    {
        var endpoint = View("cvpn-endpoint-0123456789abcdef0", up: true) with
        {
            Endpoint = Description("cvpn-endpoint-0123456789abcdef0") with
            {
                ConnectionLogEnabled = true,
                ConnectionLogGroup = "/aws/clientvpn/cvpn-endpoint-0123456789abcdef0",
                ConnectionLogStream = "connections",
            },
            Attempts = new AttemptReading
            {
                LogRead = true,
                Attempts =
                [
                    new AttemptCount("successful", "none", 120),
                    new AttemptCount("failed", "client-connect-failed", 7),
                    new AttemptCount("failed", "client-connect-handler-throttled", 0),
                    new AttemptCount("failed", "authorization-policy-deny", 9),
                    new AttemptCount("failed", "client-connect-handler-timed-out", 2),
                    new AttemptCount("failed", "other", 1),
                    new AttemptCount("waiting-for-assertion", "none", 3),
                ],
                NewestEvent = Now.AddSeconds(-75),
                IngestionLag = TimeSpan.FromSeconds(42),
                LastSuccess = Now.AddSeconds(-20),
            },
        };

        var html = LandingPage.Render(new FleetView([endpoint], 1, Now), [], [], Now);

        Assert.Contains(
            "<td>120 successful, 19 failed, 3 waiting-for-assertion<br>top failures: <span class=\"warn\">authorization-policy-deny 9, client-connect-failed 7, client-connect-handler-timed-out 2</span></td>",
            Row(html, "cvpn-endpoint-0123456789abcdef0"),
            StringComparison.Ordinal);
        var section = html[html.IndexOf("<section id=\"health-cvpn-endpoint-0123456789abcdef0\">", StringComparison.Ordinal)..];
        Assert.Contains(
            "<td>/aws/clientvpn/cvpn-endpoint-0123456789abcdef0 / connections</td><td>2026-12-01 11:59:40 UTC (20 s ago)</td><td>2026-12-01 11:58:45 UTC (75 s ago)</td>"
            + "<td>42 s</td><td><span class=\"ok\">none</span></td>"
            + "<td>authorization-policy-deny: 9<br>client-connect-failed: 7<br>client-connect-handler-timed-out: 2<br>other: 1</td>",
            section,
            StringComparison.Ordinal);
        Assert.DoesNotContain("client-connect-handler-throttled", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AttemptsNotAvailable_SaysWhyForEachEndpoint()
    {
        var loggingOn = Description("x") with { ConnectionLogEnabled = true, ConnectionLogGroup = "/aws/clientvpn/g" };
        var disabled = View("cvpn-endpoint-00000000000000001", up: true);
        var notYet = View("cvpn-endpoint-00000000000000002", up: true) with { Endpoint = loggingOn with { EndpointId = "cvpn-endpoint-00000000000000002" } };
        var denied = View("cvpn-endpoint-00000000000000003", up: true) with
        {
            Endpoint = loggingOn with { EndpointId = "cvpn-endpoint-00000000000000003" },
            Attempts = new AttemptReading { LogRead = true, Denied = true, FailureCode = "AccessDeniedException", Attempts = [new AttemptCount("successful", "none", 5)], LastSuccess = Now.AddMinutes(-30) },
        };
        var throttled = View("cvpn-endpoint-00000000000000004", up: true) with
        {
            Endpoint = loggingOn with { EndpointId = "cvpn-endpoint-00000000000000004" },
            Attempts = new AttemptReading { LogRead = true, FailureCode = "ThrottlingException" },
        };
        var switchedOff = View("cvpn-endpoint-00000000000000005", up: true) with
        {
            Endpoint = loggingOn with { EndpointId = "cvpn-endpoint-00000000000000005" },
            Attempts = new AttemptReading { LogRead = false },
        };

        var html = LandingPage.Render(new FleetView([disabled, notYet, denied, throttled, switchedOff], 1, Now), [], [], Now);

        Assert.Contains("<td><span class=\"muted\">connection logging disabled</span></td>", Row(html, "cvpn-endpoint-00000000000000001"), StringComparison.Ordinal);
        Assert.Contains("<td><span class=\"muted\">not read yet</span></td>", Row(html, "cvpn-endpoint-00000000000000002"), StringComparison.Ordinal);
        Assert.Contains("<td><span class=\"bad\">logs:FilterLogEvents not permitted</span><br>5 successful</td>", Row(html, "cvpn-endpoint-00000000000000003"), StringComparison.Ordinal);
        Assert.Contains("<td><span class=\"bad\">ThrottlingException</span><br><span class=\"muted\">no complete read yet</span></td>", Row(html, "cvpn-endpoint-00000000000000004"), StringComparison.Ordinal);
        Assert.Contains("<td><span class=\"muted\">not read (ClientVpn:ConnectionLog:Enabled is false)</span></td>", Row(html, "cvpn-endpoint-00000000000000005"), StringComparison.Ordinal);
        Assert.Contains("<td>never</td><td>none</td><td>unknown</td><td><span class=\"bad\">ThrottlingException</span></td><td>none</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<section id=\"health-cvpn-endpoint-00000000000000001\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<section id=\"health-cvpn-endpoint-00000000000000005\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BeforeTheFirstPoll_SaysSo()
    {
        var html = LandingPage.Render(FleetView.Empty, [], [], Now);

        Assert.Contains("No poll has completed yet.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"metrics\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPage_EndpointFailingInTheSimulator_ShowsItsErrorCodeThePollsAndThePermissions()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 20, Seed = 5 },
            "--ClientVpn:ApiBudget:MaxRetries=0");
        var before = await harness.TruthAsync();
        var faulty = before.Endpoints[0];

        await harness.SetFaultsAsync(new Dictionary<string, object?> { ["action"] = "DescribeClientVpnConnections", ["endpointId"] = faulty.EndpointId, ["authFailureRate"] = 1.0 });
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        await harness.PollAsync();
        var healthy = (await harness.TruthAsync()).Endpoints[1];

        using var response = await harness.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var faultyRow = Row(html, faulty.EndpointId);
        Assert.Contains("<span class=\"bad\">AuthFailure</span>", faultyRow, StringComparison.Ordinal);
        Assert.Contains("<td>111111111111</td><td>us-east-1</td>", faultyRow, StringComparison.Ordinal);
        var healthyRow = Row(html, healthy.EndpointId);
        Assert.Contains("<span class=\"ok\">none</span>", healthyRow, StringComparison.Ordinal);
        Assert.Contains($"<td>{healthy.Connections.Where(c => c.Status == "active").Sum(c => c.Count)}</td><td>{healthy.ActiveUsers}</td>", healthyRow, StringComparison.Ordinal);
        Assert.Contains("<span class=\"bad\">1 failing</span>", html, StringComparison.Ordinal);

        // The first poll read both; the second only the healthy one.
        var polls = html[html.IndexOf("<table id=\"polls\">", StringComparison.Ordinal)..];
        Assert.Contains("<td class=\"warn\">partial</td><td>1</td><td>AuthFailure</td>", polls, StringComparison.Ordinal);
        Assert.Contains("<td class=\"ok\">success</td><td>2</td><td>none</td>", polls, StringComparison.Ordinal);
        Assert.True(
            polls.IndexOf("partial", StringComparison.Ordinal) < polls.IndexOf("success", StringComparison.Ordinal),
            "the newest poll comes first");

        Assert.Contains("<td>ec2:DescribeClientVpnEndpoints</td><td><span class=\"ok\">yes</span>", html, StringComparison.Ordinal);
    }

    private static string Row(string html, string endpointId)
    {
        var start = html.IndexOf($"<tr id=\"{endpointId}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {endpointId}:\n{html}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static EndpointDescription Description(string id) => new()
    {
        EndpointId = id,
        Region = "us-east-1",
        AccountId = "123456789012",
        Name = "prod-vpn",
        Status = "available",
        ClientCidrBlock = "10.100.0.0/22",
    };

    private static EndpointView View(string id, bool up) => new()
    {
        Endpoint = Description(id),
        Up = up,
        LastSuccess = Now.AddMinutes(-1),
        Reading = new EndpointReading { ConnectionCounts = [new ConnectionCount("active", "none", 12)], ActiveUsers = 9, Totals = [] },
    };
}
