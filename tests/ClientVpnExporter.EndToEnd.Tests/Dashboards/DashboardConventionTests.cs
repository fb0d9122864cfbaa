using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Dashboards;

/// <summary>The conventions of well-kept Grafana dashboards, checked on every dashboard the bundle ships.</summary>
public partial class DashboardConventionTests
{
    private static readonly IReadOnlyList<Dashboard> All = Dashboard.LoadAll();

    public static TheoryData<string> Files => [.. All.Select(d => d.FileName)];

    [Fact]
    public void Dashboards_AreTheThreeTheBundlePromises_WithStableUids()
    {
        var uids = All.ToDictionary(d => d.FileName, d => d.Uid);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["clientvpn-endpoint.json"] = "clientvpn-endpoint",
                ["clientvpn-exporter-health.json"] = "clientvpn-exporter-health",
                ["clientvpn-fleet.json"] = "clientvpn-fleet",
            },
            uids);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_HasTagsTitleAndACurrentSchemaVersion(string file)
    {
        var dashboard = All.Single(d => d.FileName == file);

        Assert.True((int)dashboard.Json["schemaVersion"]! >= 39, "schemaVersion");
        Assert.Contains("clientvpn", dashboard.Json["tags"]!.AsArray().Select(t => (string)t!));
        Assert.StartsWith("AWS Client VPN / ", dashboard.Title, StringComparison.Ordinal);
        Assert.Null(dashboard.Json["id"]);
        Assert.Null(dashboard.Json["__inputs"]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_HasDatasourceJobInstanceAndEndpointVariables(string file)
    {
        var variables = All.Single(d => d.FileName == file).Variables.ToDictionary(v => (string)v["name"]!);

        Assert.Equal("datasource", (string?)variables["datasource"]["type"]);
        Assert.Equal("prometheus", (string?)variables["datasource"]["query"]);
        foreach (var name in new[] { "job", "instance", "endpoint" })
        {
            Assert.Equal("query", (string?)variables[name]["type"]);
            Assert.Matches(@"^label_values\(", (string)variables[name]["definition"]!);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_NamesNoDatasourceButTheVariable(string file)
    {
        var dashboard = All.Single(d => d.FileName == file);
        var offenders = new List<string>();
        Walk(dashboard.Json, "$", (path, name, value) =>
        {
            if (name != "datasource")
            {
                return;
            }

            var uid = value is JsonObject o ? (string?)o["uid"] : (string?)value;
            if (uid is not ("${datasource}" or "$datasource"))
            {
                offenders.Add($"{path}: {value?.ToJsonString()}");
            }
        });

        Assert.True(offenders.Count == 0, "hard-coded datasources:\n" + string.Join('\n', offenders));
        Assert.All(dashboard.Panels, p => Assert.NotNull(p["datasource"]));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryPanel_HasAUnit(string file)
    {
        var missing = All.Single(d => d.FileName == file).Panels
            .Where(p => string.IsNullOrWhiteSpace((string?)p["fieldConfig"]?["defaults"]?["unit"]))
            .Select(p => (string)p["title"]!)
            .ToList();

        Assert.True(missing.Count == 0, "panels without a unit: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryRangeSelector_UsesTheRateInterval(string file)
    {
        var queries = All.Single(d => d.FileName == file).Queries;
        var offenders = queries
            .SelectMany(q => RangePattern().Matches(q.Expr).Select(m => (q.Panel, Range: m.Value)))
            .Where(x => x.Range != "[$__rate_interval]")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
        Assert.All(
            queries.Where(q => RateFunctionPattern().IsMatch(q.Expr)),
            q => Assert.Contains("[$__rate_interval]", q.Expr, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryQuery_FiltersByTheJobAndInstanceVariables(string file)
    {
        foreach (var query in All.Single(d => d.FileName == file).Queries)
        {
            var selectors = SelectorPattern().Matches(query.Expr).Select(m => m.Value).ToList();
            Assert.NotEmpty(selectors);
            Assert.All(selectors, s =>
            {
                Assert.Contains("job=~\"$job\"", s, StringComparison.Ordinal);
                Assert.Contains("instance=~\"$instance\"", s, StringComparison.Ordinal);
            });
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Panels_HaveUniqueIdsAndTitles_AndDoNotOverlap(string file)
    {
        var panels = All.Single(d => d.FileName == file).Panels;

        Assert.Equal(panels.Count, panels.Select(p => (int)p["id"]!).Distinct().Count());
        Assert.Equal(panels.Count, panels.Select(p => (string)p["title"]!).Distinct().Count());
        var cells = new HashSet<(int, int)>();
        foreach (var panel in panels)
        {
            var g = panel["gridPos"]!;
            int x = (int)g["x"]!, y = (int)g["y"]!, w = (int)g["w"]!, h = (int)g["h"]!;
            Assert.InRange(x + w, 1, 24);
            for (var i = x; i < x + w; i++)
            {
                for (var j = y; j < y + h; j++)
                {
                    Assert.True(cells.Add((i, j)), $"{panel["title"]} overlaps another panel at {i},{j}");
                }
            }

            Assert.False(string.IsNullOrWhiteSpace((string?)panel["description"]), $"{panel["title"]} has no description");
        }
    }

    [Theory]
    [InlineData("clientvpn-fleet", "clientvpn_endpoint_up", "clientvpn_connections", "clientvpn_active_users", "clientvpn_ingress_bytes_total", "clientvpn_egress_bytes_total",
        "clientvpn_ingress_packets_total", "clientvpn_egress_packets_total", "clientvpn_session_duration_seconds_bucket", "clientvpn_user_ingress_bytes_total", "clientvpn_user_egress_bytes_total",
        "clientvpn_endpoint_certificate_expiry_timestamp_seconds", "clientvpn_endpoint_crl_next_update_timestamp_seconds", "clientvpn_endpoint_saml_provider_expiry_timestamp_seconds",
        "clientvpn_endpoint_crl_revoked_certificates", "clientvpn_endpoint_target_networks", "clientvpn_endpoint_client_connect_info",
        "clientvpn_connection_attempts_total", "clientvpn_user_connection_attempts_total", "clientvpn_endpoint_connection_log_enabled",
        "clientvpn_endpoint_connection_log_ingestion_lag_seconds", "clientvpn_endpoint_connection_log_newest_event_timestamp_seconds")]
    [InlineData("clientvpn-endpoint", "clientvpn_endpoint_info", "clientvpn_user_connections", "clientvpn_user_ingress_bytes_total", "clientvpn_connection_info",
        "clientvpn_connection_established_timestamp_seconds", "clientvpn_connection_ingress_bytes_total", "clientvpn_endpoint_certificate_expiry_timestamp_seconds",
        "clientvpn_endpoint_crl_next_update_timestamp_seconds", "clientvpn_endpoint_certificate_info", "clientvpn_endpoint_target_networks", "clientvpn_endpoint_target_network_info",
        "clientvpn_endpoint_connection_quota", "clientvpn_endpoint_client_cidr_addresses", "clientvpn_endpoint_authorization_rules", "clientvpn_endpoint_routes",
        "clientvpn_endpoint_health_last_success_timestamp_seconds")]
    [InlineData("clientvpn-exporter-health", "clientvpn_exporter_api_requests_total", "clientvpn_exporter_api_retries_total", "clientvpn_exporter_budget_wait_seconds_total",
        "clientvpn_exporter_poll_duration_seconds_bucket", "clientvpn_endpoint_last_success_timestamp_seconds", "clientvpn_exporter_parse_errors_total",
        "clientvpn_exporter_permission_ok", "clientvpn_exporter_poll_overruns_total", "clientvpn_exporter_polls_total",
        "process_cpu_seconds_total", "process_resident_memory_bytes", "clientvpn_exporter_memory_limit_bytes", "dotnet_gc_last_collection_heap_size_bytes",
        "dotnet_gc_collections_total", "dotnet_thread_pool_queue_length", "clientvpn_exporter_connection_log_events_total")]
    public void Dashboard_ShowsWhatItIsFor(string uid, params string[] metrics)
    {
        var used = All.Single(d => d.Uid == uid).Queries.SelectMany(q => Dashboard.MetricNames(q.Expr)).ToHashSet(StringComparer.Ordinal);

        Assert.All(metrics, m => Assert.Contains(m, used));
    }

    [Fact]
    public void EndpointDrillDown_ChoosesOneEndpoint()
    {
        var endpoint = All.Single(d => d.Uid == "clientvpn-endpoint").Variables.Single(v => (string?)v["name"] == "endpoint");

        Assert.False((bool)endpoint["multi"]!);
        Assert.False((bool)endpoint["includeAll"]!);
    }

    private static void Walk(JsonNode? node, string path, Action<string, string, JsonNode?> visit)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    visit($"{path}.{key}", key, value);
                    Walk(value, $"{path}.{key}", visit);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{path}[{i}]", visit);
                }

                break;
        }
    }

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"\b(rate|irate|increase|delta|idelta|deriv)\s*\(")]
    private static partial Regex RateFunctionPattern();

    [GeneratedRegex(@"\b((clientvpn|process|dotnet)_[a-z0-9_]+|up)\s*\{[^}]*\}|\b((clientvpn|process|dotnet)_[a-z0-9_]+|up)\b(?!\s*[{(])")]
    private static partial Regex SelectorPattern();
}
