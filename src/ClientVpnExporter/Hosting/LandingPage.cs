using System.Globalization;
using System.Net;
using System.Text;
using ClientVpnExporter.Attempts;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Health;
using ClientVpnExporter.Polling;

namespace ClientVpnExporter.Hosting;

/// <summary>
/// The page at <c>/</c>, the one an operator opens first when something looks wrong: every endpoint with its account,
/// region, last complete read, current failure, connections and users, the days left on each certificate, CRL and SAML
/// provider, its subnets by status, rules and routes, its connection attempts and their top failure reasons; the
/// permission checks; the last polls. Plain server-rendered HTML
/// with its style inline and no script, so it reads the same without JavaScript and loads nothing from elsewhere.
/// Every value that came from AWS or the settings is HTML-encoded (<see cref="Text"/>): an endpoint's Name tag is
/// anyone's to write.
/// </summary>
internal static class LandingPage
{
    /// <summary>Days left below which an expiry is shown as a warning, as ClientVpnCertificateExpiringSoon warns.</summary>
    private const double WarningDays = 30;

    /// <summary>Days left below which an expiry is shown as critical.</summary>
    private const double CriticalDays = 7;

    /// <summary>The failure reasons an endpoint's row names, most frequent first.</summary>
    private const int TopFailureReasons = 3;

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
        table{border-collapse:collapse;margin:.5em 0 1.5em}
        th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#f3f3f3}
        .ok{color:#17631d}.warn{color:#8a5a00;font-weight:bold}.bad{color:#b00020;font-weight:bold}
        .muted{color:#666}
        section{margin-bottom:2em}
        """;

    /// <summary>The page for <paramref name="view"/> at <paramref name="now"/>.</summary>
    public static string Render(FleetView view, IReadOnlyList<PermissionState> permissions, IReadOnlyList<PollRecord> polls, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(polls);
        var html = new StringBuilder(4096 + (view.Endpoints.Count * 2048));
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>AWS Client VPN exporter</title>");
        html.Append("<style>").Append(Style).Append("</style></head>\n<body>\n<h1>AWS Client VPN exporter</h1>\n");
        html.Append("<p>Version ").Append(Text(BuildInfo.Version)).Append(". Page made at ").Append(Time(now)).Append(". ");
        html.Append("<a href=\"metrics\">/metrics</a>: Prometheus metrics; <a href=\"healthz\">/healthz</a>: liveness; ");
        html.Append("<a href=\"readyz\">/readyz</a>: readiness (after the first complete poll).</p>\n");

        AppendFleet(html, view, now);
        AppendPermissions(html, permissions);
        AppendPolls(html, polls);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendFleet(StringBuilder html, FleetView view, DateTimeOffset now)
    {
        html.Append("<h2>Endpoints</h2>\n");
        if (view.Sequence == 0)
        {
            html.Append("<p class=\"warn\">No poll has completed yet.</p>\n");
            return;
        }

        var failing = view.Endpoints.Count(e => !e.Up);
        html.Append("<p>").Append(view.Endpoints.Count).Append(" endpoints as of the poll published at ").Append(Time(view.PublishedAt));
        html.Append(failing == 0 ? "; every one read." : $"; <span class=\"bad\">{failing} failing</span>.").Append("</p>\n");
        html.Append("<table id=\"endpoints\">\n<tr><th>Endpoint</th><th>Name</th><th>Account</th><th>Region</th><th>Status</th>");
        html.Append("<th>Last complete read</th><th>Current failure</th><th>Active connections</th><th>Active users</th>");
        html.Append("<th>Certificates, CRL, SAML: days left</th><th>Subnets</th><th>Quota / client CIDR</th><th>Rules, routes</th>");
        html.Append("<th>Connection attempts since start</th></tr>\n");
        foreach (var endpoint in view.Endpoints)
        {
            AppendEndpointRow(html, endpoint, now);
        }

        html.Append("</table>\n");
        foreach (var endpoint in view.Endpoints.Where(HasDetail))
        {
            AppendEndpointDetail(html, endpoint, now);
        }
    }

    private static void AppendEndpointRow(StringBuilder html, EndpointView endpoint, DateTimeOffset now)
    {
        var description = endpoint.Endpoint;
        var health = endpoint.Health;
        html.Append("<tr id=\"").Append(Text(description.EndpointId)).Append("\"><td>");
        if (HasDetail(endpoint))
        {
            html.Append("<a href=\"#health-").Append(Text(description.EndpointId)).Append("\">").Append(Text(description.EndpointId)).Append("</a>");
        }
        else
        {
            html.Append(Text(description.EndpointId));
        }

        html.Append("</td><td>").Append(Text(description.Name)).Append("</td><td>").Append(Text(description.AccountId));
        html.Append("</td><td>").Append(Text(description.Region)).Append("</td><td>").Append(Text(description.Status)).Append("</td><td>");
        html.Append(endpoint.LastSuccess is { } last ? $"{Time(last)} ({Age(now - last)} ago)" : "<span class=\"bad\">never</span>");
        html.Append("</td><td>");
        html.Append(endpoint.Up
            ? "<span class=\"ok\">none</span>"
            : $"<span class=\"bad\">{Text(endpoint.FailureCode ?? "reads failing")}</span>{(endpoint.Stale ? " (stale: its gauges are no longer exported)" : "")}");
        html.Append("</td><td>");
        if (endpoint.Reading is { } reading)
        {
            html.Append(reading.ConnectionCounts.Where(c => c.Status == "active").Sum(c => c.Count)).Append("</td><td>").Append(reading.ActiveUsers);
        }
        else
        {
            html.Append("<span class=\"muted\">not read</span></td><td><span class=\"muted\">not read</span>");
        }

        html.Append("</td><td>");
        AppendExpiries(html, health, now);
        html.Append("</td><td>");
        AppendSubnetSummary(html, health);
        html.Append("</td><td>");
        html.Append(health?.ConnectionQuota is { } quota ? quota.ToString("N0", CultureInfo.InvariantCulture) : "<span class=\"muted\">unknown</span>");
        html.Append(" / ").Append(ClientCidr.Addresses(description.ClientCidrBlock) is { } addresses
            ? $"{Text(description.ClientCidrBlock)} ({addresses.ToString("N0", CultureInfo.InvariantCulture)} addresses)"
            : "<span class=\"muted\">unknown</span>");
        html.Append("</td><td>");
        AppendFailedCounts(html, "rules", health?.AuthorizationRules);
        html.Append("<br>");
        AppendFailedCounts(html, "routes", health?.Routes);
        html.Append("</td><td>");
        AppendAttempts(html, endpoint);
        html.Append("</td></tr>\n");
    }

    /// <summary>
    /// The endpoint's attempts since the exporter started, by status, and its most frequent failure reasons; or why there
    /// are none: logging off on the endpoint, reading switched off, a read that is denied or failing, or none yet.
    /// </summary>
    private static void AppendAttempts(StringBuilder html, EndpointView endpoint)
    {
        if (!endpoint.Endpoint.ConnectionLogEnabled)
        {
            html.Append("<span class=\"muted\">connection logging disabled</span>");
            return;
        }

        if (endpoint.Attempts is not { } attempts)
        {
            html.Append("<span class=\"muted\">not read yet</span>");
            return;
        }

        if (!attempts.LogRead)
        {
            html.Append("<span class=\"muted\">not read (ClientVpn:ConnectionLog:Enabled is false)</span>");
            return;
        }

        if (attempts.Denied)
        {
            html.Append("<span class=\"bad\">logs:FilterLogEvents not permitted</span><br>");
        }
        else if (attempts.FailureCode is { } code)
        {
            html.Append("<span class=\"bad\">").Append(Text(code)).Append("</span><br>");
        }

        if (attempts.LastSuccess is null)
        {
            html.Append("<span class=\"muted\">no complete read yet</span>");
            return;
        }

        var byStatus = attempts.Attempts
            .GroupBy(a => a.Status, StringComparer.Ordinal)
            .Select(g => (Status: g.Key, Count: Total(g)))
            .Where(s => s.Count > 0)
            .OrderBy(s => StatusOrder(s.Status))
            .ThenBy(s => s.Status, StringComparer.Ordinal)
            .ToList();
        if (byStatus.Count == 0)
        {
            html.Append("none");
            return;
        }

        html.Append(string.Join(", ", byStatus.Select(s => $"{s.Count.ToString(CultureInfo.InvariantCulture)} {Text(s.Status)}")));
        var reasons = FailureReasons(attempts).Take(TopFailureReasons).ToList();
        if (reasons.Count > 0)
        {
            html.Append("<br>top failures: <span class=\"warn\">");
            html.Append(string.Join(", ", reasons.Select(r => $"{Text(r.Reason)} {r.Count.ToString(CultureInfo.InvariantCulture)}")));
            html.Append("</span>");
        }
    }

    /// <summary>The failed attempts' reasons with their counts, most frequent first (ties by name, so the order is stable).</summary>
    private static IEnumerable<(string Reason, ulong Count)> FailureReasons(AttemptReading attempts) => attempts.Attempts
        .Where(a => a.Status == "failed")
        .GroupBy(a => a.Reason, StringComparer.Ordinal)
        .Select(g => (Reason: g.Key, Count: Total(g)))
        .Where(r => r.Count > 0)
        .OrderByDescending(r => r.Count)
        .ThenBy(r => r.Reason, StringComparer.Ordinal);

    private static ulong Total(IEnumerable<AttemptCount> counts) => counts.Aggregate(0UL, (sum, c) => sum + c.Count);

    /// <summary>Successful first, then failed, then the SAML step and anything else.</summary>
    private static int StatusOrder(string status) => status switch { "successful" => 0, "failed" => 1, "waiting-for-assertion" => 2, _ => 3 };

    /// <summary>Whether the endpoint has a section of details below the table: once its health or its connection log was read.</summary>
    private static bool HasDetail(EndpointView endpoint) => endpoint.Health is not null || endpoint.Attempts is { LogRead: true };

    private static void AppendExpiries(StringBuilder html, HealthReading? health, DateTimeOffset now)
    {
        if (health is null)
        {
            html.Append("<span class=\"muted\">not read yet</span>");
            return;
        }

        var lines = new List<string>();
        foreach (var certificate in health.Certificates)
        {
            lines.Add($"{Text(certificate.Certificate)}: {DaysLeft(certificate.NotAfter, now, Renews(certificate), Unusable(certificate))}");
        }

        if (health.Crl is { } crl)
        {
            lines.Add($"CRL: {DaysLeft(crl.NextUpdate, now, renews: false, unusable: null)}");
        }

        foreach (var provider in health.SamlProviders)
        {
            lines.Add($"{Text(provider.Provider)}: {DaysLeft(provider.ValidUntil, now, renews: false, unusable: null)}");
        }

        html.Append(lines.Count == 0 ? "<span class=\"muted\">none</span>" : string.Join("<br>", lines));
    }

    private static void AppendSubnetSummary(StringBuilder html, HealthReading? health)
    {
        if (health?.TargetNetworks is not { } networks)
        {
            html.Append("<span class=\"muted\">not read</span>");
            return;
        }

        var associated = networks.Count(n => n.Status == "associated");
        html.Append(associated == 0 ? "<span class=\"bad\">none associated</span>" : $"<span class=\"ok\">{associated} associated</span>");
        foreach (var group in networks.Where(n => n.Status != "associated").GroupBy(n => n.Status, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var css = group.Key == "association-failed" ? "bad" : "muted";
            html.Append("<br><span class=\"").Append(css).Append("\">").Append(group.Count()).Append(' ').Append(Text(group.Key)).Append("</span>");
        }
    }

    private static void AppendFailedCounts(StringBuilder html, string what, IReadOnlyList<StatusCount>? counts)
    {
        if (counts is null)
        {
            html.Append("<span class=\"muted\">").Append(what).Append(" not read</span>");
            return;
        }

        var failed = counts.Where(c => c.Status == "failed").Sum(c => c.Count);
        var total = counts.Sum(c => c.Count);
        html.Append(failed > 0 ? $"<span class=\"bad\">{failed} of {total} {what} failed</span>" : $"{total} {what}, none failed");
    }

    private static void AppendEndpointDetail(StringBuilder html, EndpointView endpoint, DateTimeOffset now)
    {
        var id = Text(endpoint.Endpoint.EndpointId);
        html.Append("<section id=\"health-").Append(id).Append("\">\n<h3>").Append(id);
        if (endpoint.Endpoint.Name.Length > 0)
        {
            html.Append(" (").Append(Text(endpoint.Endpoint.Name)).Append(')');
        }

        html.Append("</h3>\n");
        if (endpoint.Health is { } health)
        {
            AppendHealthDetail(html, health, now);
        }

        if (endpoint.Attempts is { LogRead: true } attempts)
        {
            AppendConnectionLogDetail(html, endpoint.Endpoint, attempts, now);
        }

        html.Append("</section>\n");
    }

    private static void AppendHealthDetail(StringBuilder html, HealthReading health, DateTimeOffset now)
    {
        if (health.Certificates.Count > 0)
        {
            html.Append("<table><tr><th>Certificate</th><th>ARN</th><th>ACM status</th><th>Type</th><th>Renewal</th><th>Expires</th><th>Days left</th></tr>\n");
            foreach (var certificate in health.Certificates)
            {
                html.Append("<tr><td>").Append(Text(certificate.Certificate)).Append("</td><td>").Append(Text(certificate.Arn)).Append("</td><td>");
                html.Append(Text(certificate.Status)).Append("</td><td>").Append(Text(certificate.Type)).Append("</td><td>").Append(Text(certificate.RenewalEligibility));
                html.Append("</td><td>").Append(certificate.NotAfter is { } notAfter ? Time(notAfter) : "unknown").Append("</td><td>");
                html.Append(DaysLeft(certificate.NotAfter, now, Renews(certificate), Unusable(certificate))).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (health.Crl is { } crl)
        {
            html.Append("<table><tr><th>CRL status</th><th>thisUpdate</th><th>nextUpdate</th><th>Days left</th><th>Revoked certificates</th></tr>\n<tr><td>");
            html.Append(Text(crl.Status)).Append("</td><td>").Append(Time(crl.ThisUpdate)).Append("</td><td>");
            html.Append(crl.NextUpdate is { } next ? Time(next) : "none").Append("</td><td>").Append(DaysLeft(crl.NextUpdate, now, renews: false, unusable: null));
            html.Append("</td><td>").Append(crl.RevokedCertificates).Append("</td></tr>\n</table>\n");
        }

        if (health.SamlProviders.Count > 0)
        {
            html.Append("<table><tr><th>SAML provider</th><th>ARN</th><th>Valid until</th><th>Days left</th></tr>\n");
            foreach (var provider in health.SamlProviders)
            {
                html.Append("<tr><td>").Append(Text(provider.Provider)).Append("</td><td>").Append(Text(provider.Arn)).Append("</td><td>");
                html.Append(provider.ValidUntil is { } until ? Time(until) : "unknown").Append("</td><td>");
                html.Append(DaysLeft(provider.ValidUntil, now, renews: false, unusable: null)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (health.TargetNetworks is { Count: > 0 } networks)
        {
            html.Append("<table><tr><th>Association</th><th>Subnet</th><th>VPC</th><th>Availability Zone</th><th>Status</th></tr>\n");
            foreach (var network in networks)
            {
                var css = network.Status switch { "associated" => "ok", "association-failed" => "bad", _ => "muted" };
                html.Append("<tr><td>").Append(Text(network.AssociationId)).Append("</td><td>").Append(Text(network.SubnetId)).Append("</td><td>");
                html.Append(Text(network.VpcId)).Append("</td><td>").Append(Text(network.AvailabilityZone)).Append("</td><td class=\"").Append(css).Append("\">");
                html.Append(Text(network.Status)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<table><tr><th>Health read</th><th>Last complete read</th><th>Current failure</th></tr>\n");
        foreach (var read in health.Reads)
        {
            html.Append("<tr><td>").Append(Text(HealthResources.Label(read.Resource))).Append("</td><td>");
            html.Append(read.LastSuccess is { } last ? $"{Time(last)} ({Age(now - last)} ago)" : "never").Append("</td><td>");
            html.Append(read.Denied
                ? "<span class=\"bad\">not permitted</span>"
                : read.FailureCode is { } code ? $"<span class=\"bad\">{Text(code)}</span>" : "<span class=\"ok\">none</span>");
            html.Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>The connection-log read of the endpoint: where the log is, how the reads go, and every failure reason counted.</summary>
    private static void AppendConnectionLogDetail(StringBuilder html, EndpointDescription endpoint, AttemptReading attempts, DateTimeOffset now)
    {
        html.Append("<table class=\"connection-log\"><tr><th>Connection log</th><th>Last complete read</th><th>Newest event</th>");
        html.Append("<th>Ingestion lag</th><th>Current failure</th><th>Failed attempts by reason</th></tr>\n<tr><td>");
        html.Append(Text(endpoint.ConnectionLogGroup));
        if (endpoint.ConnectionLogStream.Length > 0)
        {
            html.Append(" / ").Append(Text(endpoint.ConnectionLogStream));
        }

        html.Append("</td><td>").Append(attempts.LastSuccess is { } last ? $"{Time(last)} ({Age(now - last)} ago)" : "never").Append("</td><td>");
        html.Append(attempts.NewestEvent is { } newest ? $"{Time(newest)} ({Age(now - newest)} ago)" : "none").Append("</td><td>");
        html.Append(attempts.IngestionLag is { } lag ? Age(lag) : "unknown").Append("</td><td>");
        html.Append(attempts.Denied
            ? "<span class=\"bad\">not permitted</span>"
            : attempts.FailureCode is { } code ? $"<span class=\"bad\">{Text(code)}</span>" : "<span class=\"ok\">none</span>");
        html.Append("</td><td>");
        var reasons = FailureReasons(attempts).ToList();
        html.Append(reasons.Count == 0 ? "none" : string.Join("<br>", reasons.Select(r => $"{Text(r.Reason)}: {r.Count.ToString(CultureInfo.InvariantCulture)}")));
        html.Append("</td></tr>\n</table>\n");
    }

    private static void AppendPermissions(StringBuilder html, IReadOnlyList<PermissionState> permissions)
    {
        html.Append("<h2>Permission checks</h2>\n");
        if (permissions.Count == 0)
        {
            html.Append("<p class=\"muted\">No permission checked yet.</p>\n");
            return;
        }

        html.Append("<table id=\"permissions\"><tr><th>Account</th><th>Region</th><th>Action</th><th>Allowed</th></tr>\n");
        foreach (var permission in permissions)
        {
            html.Append("<tr><td>").Append(Text(permission.AccountId)).Append("</td><td>").Append(Text(permission.Region)).Append("</td><td>");
            html.Append(Text(permission.Action)).Append("</td><td>");
            html.Append(permission.Allowed ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">no: grant it to the exporter's IAM role</span>");
            html.Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void AppendPolls(StringBuilder html, IReadOnlyList<PollRecord> polls)
    {
        html.Append("<h2>Last polls</h2>\n");
        if (polls.Count == 0)
        {
            html.Append("<p class=\"muted\">No poll has completed yet.</p>\n");
            return;
        }

        html.Append("<table id=\"polls\"><tr><th>Completed</th><th>Duration</th><th>Outcome</th><th>Endpoints read</th><th>Failures</th></tr>\n");
        foreach (var poll in polls)
        {
            var css = poll.Outcome switch { "success" => "ok", "partial" => "warn", _ => "bad" };
            html.Append("<tr><td>").Append(Time(poll.CompletedAt)).Append("</td><td>");
            html.Append(poll.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)).Append(" s</td><td class=\"").Append(css).Append("\">");
            html.Append(Text(poll.Outcome)).Append("</td><td>").Append(poll.EndpointsRead).Append("</td><td>");
            html.Append(poll.FailureCodes.Count == 0 ? "none" : Text(string.Join(", ", poll.FailureCodes))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>
    /// The days left before <paramref name="until"/>, coloured as the alerts judge them: a certificate ACM renews itself
    /// only warns until it has expired; an <paramref name="unusable"/> one (revoked) is critical whatever its date.
    /// </summary>
    private static string DaysLeft(DateTimeOffset? until, DateTimeOffset now, bool renews, string? unusable)
    {
        if (until is not { } end)
        {
            return unusable is null ? "<span class=\"muted\">no date</span>" : $"<span class=\"bad\">{Text(unusable)}</span>";
        }

        var days = (end - now).TotalDays;
        var text = days >= 0
            ? $"{days.ToString("0.0", CultureInfo.InvariantCulture)} days left"
            : $"expired {(-days).ToString("0.0", CultureInfo.InvariantCulture)} days ago";
        var css = unusable is not null || days < 0 ? "bad" : days < CriticalDays && !renews ? "bad" : days < WarningDays ? "warn" : "ok";
        return $"<span class=\"{css}\">{(unusable is null ? "" : Text(unusable) + "; ")}{text}</span>";
    }

    /// <summary>The ACM status of a certificate clients can no longer use (<c>expired</c>, <c>revoked</c>); null for others.</summary>
    private static string? Unusable(CertificateReading certificate) => certificate.Status is "revoked" or "expired" ? certificate.Status : null;

    private static bool Renews(CertificateReading certificate) => certificate.Type != "imported" && certificate.RenewalEligibility == "eligible";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Age(TimeSpan age) =>
        age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
        : age.TotalMinutes < 120 ? $"{(int)age.TotalMinutes} min"
        : age.TotalHours < 48 ? $"{(int)age.TotalHours} h"
        : $"{(int)age.TotalDays} days";

    /// <summary>HTML-encodes text for an element's content or a quoted attribute: <c>&lt; &gt; &amp; " '</c> all become entities.</summary>
    private static string Text(string? value) => WebUtility.HtmlEncode(value ?? "");
}
