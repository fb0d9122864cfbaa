using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>What the rendered objects say, read from <c>helm template</c>'s output rather than from the templates.</summary>
public sealed class RenderedObjectTests
{
    public static TheoryData<string> Cells => ValuesMatrix.Names;

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Pod_InEveryCell_RunsAsNonRootWithAReadOnlyRootAllCapabilitiesDroppedAndRuntimeDefaultSeccomp(string cell)
    {
        var chart = await Render(cell);
        var pod = chart.PodSpec["securityContext"]!;
        var container = chart.Container["securityContext"]!;

        Assert.Equal(true, (bool?)pod["runAsNonRoot"]);
        Assert.True((long?)pod["runAsUser"] > 0);
        Assert.Equal("RuntimeDefault", (string?)pod["seccompProfile"]!["type"]);
        Assert.Equal(true, (bool?)container["readOnlyRootFilesystem"]);
        Assert.Equal(false, (bool?)container["allowPrivilegeEscalation"]);
        Assert.Equal(false, (bool?)container["privileged"]);
        Assert.Equal(["ALL"], container["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
        Assert.Null(container["capabilities"]!["add"]);
        Assert.Equal(false, (bool?)chart.PodSpec["automountServiceAccountToken"]);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Probes_InEveryCell_GetHealthzAndReadyzOnTheListeningPortWithTheServedScheme(string cell)
    {
        var chart = await Render(cell);
        var listen = new Uri(chart.Environment()["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal));
        var port = chart.Container["ports"]!.AsArray().Single()!;
        var tls = (bool?)Yaml.Parse(ValuesMatrix.Cell(cell).Values)?["web"]?["tls"]?["enabled"] == true;

        Assert.Equal(tls ? "https" : "http", listen.Scheme);
        Assert.Equal(listen.Port, (long)port["containerPort"]!);
        foreach (var (probe, path) in new[] { ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"), ("startupProbe", "/healthz") })
        {
            var get = chart.Container[probe]!["httpGet"]!;
            Assert.Equal(path, (string?)get["path"]);
            Assert.Equal((string?)port["name"], (string?)get["port"]);
            Assert.Equal(tls ? "HTTPS" : null, (string?)get["scheme"]);
        }
    }

    [Fact]
    public async Task ServiceMonitor_WithTlsAndBasicAuth_ScrapesTheExportersPortPathAndSchemeWithItsCredentials()
    {
        var chart = await Render("tls-and-basic-auth");
        var endpoint = chart.Single("ServiceMonitor")["spec"]!["endpoints"]!.AsArray().Single()!;
        var service = chart.Single("Service");
        var servicePort = service["spec"]!["ports"]!.AsArray().Single()!;
        var webConfig = Yaml.Parse(chart.SecretText($"{RenderedChart.FullName}-web", "web-config.yml")!)!;

        // Port: the Service's port of that name, which targets the container port the exporter listens on.
        Assert.Equal((string?)servicePort["name"], (string?)endpoint["port"]);
        Assert.Equal((string?)chart.Container["ports"]![0]!["name"], (string?)servicePort["targetPort"]);
        Assert.Equal("/metrics", (string?)endpoint["path"]);
        Assert.Equal("https", (string?)endpoint["scheme"]);
        Assert.Equal(ValuesMatrix.TlsSecret, (string?)endpoint["tlsConfig"]!["ca"]!["secret"]!["name"]);
        Assert.Equal("ca.crt", (string?)endpoint["tlsConfig"]!["ca"]!["secret"]!["key"]);
        Assert.Equal($"{service["metadata"]!["name"]}.{RenderedChart.Namespace}.svc", (string?)endpoint["tlsConfig"]!["serverName"]);
        Assert.Equal(ValuesMatrix.ScrapeSecret, (string?)endpoint["basicAuth"]!["username"]!["name"]);
        Assert.Equal("username", (string?)endpoint["basicAuth"]!["username"]!["key"]);
        Assert.Equal(ValuesMatrix.ScrapeSecret, (string?)endpoint["basicAuth"]!["password"]!["name"]);
        Assert.Equal("password", (string?)endpoint["basicAuth"]!["password"]!["key"]);
        Assert.Equal("clientvpn-exporter", (string?)endpoint["relabelings"]![0]!["replacement"]);

        // The exporter serves what the ServiceMonitor expects: TLS with the same Secret's certificate, the user it sends.
        Assert.Equal("tls.crt", (string?)webConfig["tls_server_config"]!["cert_file"]);
        Assert.Equal([ValuesMatrix.ScrapeUser], webConfig["basic_auth_users"]!.AsObject().Select(u => u.Key));
        Assert.Contains(
            chart.PodSpec["volumes"]!.AsArray(),
            v => v!["projected"]?["sources"]?.AsArray().Any(s => (string?)s!["secret"]?["name"] == ValuesMatrix.TlsSecret) == true);
    }

    [Theory]
    [InlineData("defaults")]
    [InlineData("labels-and-annotations")]
    public async Task ServiceMonitor_WithoutTls_ScrapesPlainHttpWithoutCredentials_AndSetsTheJobName(string cell)
    {
        var chart = await Render(cell, "serviceMonitor: {enabled: true}");
        var endpoint = chart.Single("ServiceMonitor")["spec"]!["endpoints"]!.AsArray().Single()!;
        var jobName = (string?)Yaml.Parse(ValuesMatrix.Cell(cell).Values)?["jobName"] ?? "clientvpn-exporter";

        Assert.Equal("http", (string?)endpoint["scheme"]);
        Assert.Null(endpoint["tlsConfig"]);
        Assert.Null(endpoint["basicAuth"]);
        Assert.Equal(JsonNode.Parse($$"""{"action": "replace", "targetLabel": "job", "replacement": "{{jobName}}"}"""), endpoint["relabelings"]![0], JsonNode.DeepEquals);
    }

    [Fact]
    public async Task ChecksumAnnotations_AreTheHashesOfTheRenderedConfigMapAndSecret_AndChangeOnlyWithThem()
    {
        var baseline = await Render("tls-and-basic-auth");
        var otherConfig = await Render("tls-and-basic-auth", "config: {pollInterval: \"00:00:30\"}");
        var otherUsers = await Render("tls-and-basic-auth", $$"""
            web:
              basicAuth:
                users:
                  grafana: "{{ValuesMatrix.ScrapePasswordHash}}"
            """);
        var otherService = await Render("tls-and-basic-auth", "service: {annotations: {example.com/x: changed}}");

        Assert.Equal(Sha256(baseline.ConfigMapText(RenderedChart.FullName, "appsettings.Production.json")!.TrimEnd('\n')), Checksum(baseline, "config"));
        Assert.Equal(Sha256(baseline.SecretText($"{RenderedChart.FullName}-web", "web-config.yml")!), Checksum(baseline, "web-config"));
        Assert.NotEqual(Checksum(baseline, "config"), Checksum(otherConfig, "config"));
        Assert.Equal(Checksum(baseline, "web-config"), Checksum(otherConfig, "web-config"));
        Assert.Equal(Checksum(baseline, "config"), Checksum(otherUsers, "config"));
        Assert.NotEqual(Checksum(baseline, "web-config"), Checksum(otherUsers, "web-config"));
        Assert.Equal(Checksum(baseline, "config"), Checksum(otherService, "config"));
        Assert.Equal(Checksum(baseline, "web-config"), Checksum(otherService, "web-config"));
    }

    [Fact]
    public async Task PrometheusRule_WithDefaultValues_HoldsExactlyTheGroupsOfTheRepositoryRulesFile()
    {
        var chart = await Render("defaults", "prometheusRule: {enabled: true}");
        var file = Yaml.LoadFile(Path.Combine(RepositoryPaths.Root, "deploy", "prometheus", "clientvpn-rules.yaml"))!;

        var groups = chart.Single("PrometheusRule")["spec"]!["groups"]!;

        Assert.True(JsonNode.DeepEquals(file["groups"], groups), $"rendered:\n{groups.ToJsonString()}\nfile:\n{file["groups"]!.ToJsonString()}");
    }

    [Fact]
    public async Task PrometheusRule_WithOverrides_DiffersFromTheRulesFileByExactlyWhatTheValuesSay()
    {
        var chart = await Render("labels-and-annotations");
        var expected = Yaml.LoadFile(RepositoryPaths.RulesFile)!["groups"]!.DeepClone().AsArray();
        foreach (var group in expected)
        {
            var rules = group!["rules"]!.AsArray();
            foreach (var rule in rules.ToList())
            {
                if ((string?)rule!["alert"] == "ClientVpnExporterParseErrors")
                {
                    rules.Remove(rule);
                    continue;
                }

                if ((string?)rule["record"] is { } record)
                {
                    rule["expr"] = record switch
                    {
                        "clientvpn:alert_threshold:connection_quota" => "vector(36500)",
                        "clientvpn:alert_threshold:connection_quota_ratio" => "vector(0.9)",
                        _ => (string)rule["expr"]!,
                    };
                    continue;
                }

                rule["expr"] = ((string)rule["expr"]!)
                    .Replace("job=\"clientvpn-exporter\"", "job=\"client-vpn\"", StringComparison.Ordinal)
                    .Replace("posture=~\".*non-compliant.*\"", "posture=~\".*quarantine.*\"", StringComparison.Ordinal);
                var labels = rule["labels"]?.AsObject() ?? [];
                labels["team"] = "network";
                rule["labels"] = labels.DeepClone();
                if (rule["annotations"]?["runbook_url"] is { } runbook)
                {
                    rule["annotations"]!["runbook_url"] = ((string)runbook!).Replace(
                        "https://github.com/clientvpn-exporter/clientvpn-exporter/blob/main/docs/runbook.md", "https://wiki.example.com/clientvpn-runbook", StringComparison.Ordinal);
                }
            }
        }

        var rendered = chart.Single("PrometheusRule");

        Assert.True(JsonNode.DeepEquals(expected, rendered["spec"]!["groups"]), $"rendered:\n{rendered["spec"]!["groups"]!.ToJsonString()}\nexpected:\n{expected.ToJsonString()}");
        Assert.Equal("prometheus", (string?)rendered["metadata"]!["namespace"]);
        Assert.Equal("kube-prometheus-stack", (string?)rendered["metadata"]!["labels"]!["release"]);
    }

    [Fact]
    public async Task DashboardConfigMaps_HoldEveryDashboardFileUnchanged_LabelledForTheGrafanaSidecar()
    {
        var chart = await Render("labels-and-annotations");
        var dashboards = chart.OfKind("ConfigMap").Where(c => c["metadata"]!["labels"]!["grafana_dashboard"] is not null).ToList();

        Assert.Equal(RepositoryPaths.DashboardFiles.Count, dashboards.Count);
        foreach (var file in RepositoryPaths.DashboardFiles)
        {
            var name = Path.GetFileName(file);
            var map = dashboards.Single(d => d["data"]![name] is not null);
            Assert.Equal(File.ReadAllText(file).TrimEnd('\n'), ((string)map["data"]![name]!).TrimEnd('\n'));
            Assert.Equal("grafana", (string?)map["metadata"]!["namespace"]);
            Assert.Equal("1", (string?)map["metadata"]!["labels"]!["grafana_dashboard"]);
            Assert.Equal("network", (string?)map["metadata"]!["labels"]!["team"]);
            Assert.Equal("AWS Client VPN", (string?)map["metadata"]!["annotations"]!["grafana_folder"]);
        }
    }

    [Fact]
    public async Task Persistence_On_ClaimsAVolume_MountsItForTheLedger_SetsTheStateFile_AndRecreatesThePod()
    {
        var chart = await Render("persistence");
        var claim = chart.Single("PersistentVolumeClaim");
        var volume = chart.PodSpec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "state")!;
        var mount = chart.Container["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == "state")!;

        Assert.Equal($"{RenderedChart.FullName}-state", (string?)claim["metadata"]!["name"]);
        Assert.Equal(["ReadWriteOnce"], claim["spec"]!["accessModes"]!.AsArray().Select(m => (string)m!));
        Assert.Equal("128Mi", (string?)claim["spec"]!["resources"]!["requests"]!["storage"]);
        Assert.Equal("gp3", (string?)claim["spec"]!["storageClassName"]);
        Assert.Equal($"{RenderedChart.FullName}-state", (string?)volume["persistentVolumeClaim"]!["claimName"]);
        Assert.Equal("/var/lib/clientvpn-exporter", (string?)mount["mountPath"]);
        Assert.Null(mount["readOnly"]);
        Assert.Equal("/var/lib/clientvpn-exporter/ledger.json", chart.Environment()["ClientVpn__StateFile"]);
        Assert.Equal("Recreate", (string?)chart.Deployment["spec"]!["strategy"]!["type"]);
    }

    [Fact]
    public async Task Persistence_WithAnExistingClaim_UsesItAndCreatesNone_AndStorageClassDashMeansNoClass()
    {
        var existing = await Render("persistence-existing-claim");
        var noClass = await Render("persistence-no-storage-class");
        var off = await Render("defaults");

        Assert.Empty(existing.OfKind("PersistentVolumeClaim"));
        Assert.Contains(existing.PodSpec["volumes"]!.AsArray(), v => (string?)v!["persistentVolumeClaim"]?["claimName"] == "clientvpn-ledger");
        Assert.Equal("", (string?)noClass.Single("PersistentVolumeClaim")["spec"]!["storageClassName"]);
        Assert.Empty(off.OfKind("PersistentVolumeClaim"));
        Assert.DoesNotContain("ClientVpn__StateFile", off.Environment().Keys);
        Assert.Null(off.Deployment["spec"]!["strategy"]);
    }

    [Fact]
    public async Task Sharding_On_RendersAStatefulSetOfShardsBehindAHeadlessServiceThatTheServiceMonitorScrapesPodByPod()
    {
        var chart = await Render("sharded");
        var statefulSet = chart.Single("StatefulSet");
        var service = chart.Single("Service");
        var monitor = chart.Single("ServiceMonitor");
        var podLabels = statefulSet["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

        Assert.Empty(chart.OfKind("Deployment"));
        Assert.Equal(3, (long?)statefulSet["spec"]!["replicas"]);
        Assert.Equal("Parallel", (string?)statefulSet["spec"]!["podManagementPolicy"]);
        Assert.Equal((string?)service["metadata"]!["name"], (string?)statefulSet["spec"]!["serviceName"]);
        Assert.Equal("None", (string?)service["spec"]!["clusterIP"]);
        Assert.All(service["spec"]!["selector"]!.AsObject(), l => Assert.Equal((string?)l.Value, (string?)podLabels[l.Key]));
        Assert.All(monitor["spec"]!["selector"]!["matchLabels"]!.AsObject(), l => Assert.Equal((string?)l.Value, (string?)service["metadata"]!["labels"]![l.Key]));
        Assert.Equal("3", chart.Environment()["ClientVpn__Sharding__Shards"]);
        Assert.Equal("auto", chart.Environment()["ClientVpn__Sharding__Index"]);

        // Each shard keeps its own ledger: a claim per pod from the template, none shared.
        var persistent = await Render("sharded-with-persistence");
        var template = persistent.Single("StatefulSet")["spec"]!["volumeClaimTemplates"]!.AsArray().Single()!;
        Assert.Empty(persistent.OfKind("PersistentVolumeClaim"));
        Assert.Equal("state", (string?)template["metadata"]!["name"]);
        Assert.Equal("128Mi", (string?)template["spec"]!["resources"]!["requests"]!["storage"]);
        Assert.DoesNotContain(persistent.PodSpec["volumes"]!.AsArray(), v => (string?)v!["name"] == "state");
        Assert.Contains(persistent.Container["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == "state");
        Assert.Equal("/var/lib/clientvpn-exporter/ledger.json", persistent.Environment()["ClientVpn__StateFile"]);
    }

    [Fact]
    public async Task Sharding_Off_StaysADeploymentWithAClusterIpService()
    {
        var chart = await Render("defaults");

        Assert.Empty(chart.OfKind("StatefulSet"));
        Assert.Single(chart.OfKind("Deployment"));
        Assert.Null(chart.Single("Service")["spec"]!["clusterIP"]);
        Assert.DoesNotContain("ClientVpn__Sharding__Shards", chart.Environment().Keys);
    }

    [Fact]
    public async Task Settings_OfSeveralAccountsAndDetail_AreTheExportersSettingNamesWithTheValuesGiven()
    {
        var accounts = JsonNode.Parse((await Render("several-accounts")).ConfigMapText(RenderedChart.FullName, "appsettings.Production.json")!)!;
        var detail = JsonNode.Parse((await Render("per-user-and-per-connection")).ConfigMapText(RenderedChart.FullName, "appsettings.Production.json")!)!;
        var filters = JsonNode.Parse((await Render("endpoint-filters-and-service-url")).ConfigMapText(RenderedChart.FullName, "appsettings.Production.json")!)!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [
              {"RoleArn": "arn:aws:iam::222222222222:role/clientvpn-exporter"},
              {"RoleArn": "arn:aws:iam::333333333333:role/clientvpn-exporter", "ExternalId": "clientvpn-external-id", "SessionName": "clientvpn-prod", "Regions": ["us-east-1"]}
            ]
            """), accounts["ClientVpn"]!["Accounts"]), accounts.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {
              "ClientVpn": {
                "MaxConcurrentEndpoints": 8, "MaxConcurrentTargets": 16, "PageSize": 500, "PerConnectionMetrics": true, "PerUserMetrics": true,
                "PollInterval": "00:02:00", "UserRetention": "2.00:00:00"
              },
              "Logging": {"LogLevel": {"Default": "Warning"}}
            }
            """), detail), detail.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {
              "EndpointIds": ["cvpn-endpoint-0123456789abcdef0"],
              "EndpointTags": {"Environment": ["prod", "staging"], "Team": []},
              "MaxConcurrentEndpoints": 4, "MaxConcurrentTargets": 16, "PageSize": 1000, "PerConnectionMetrics": false, "PerUserMetrics": false,
              "PollInterval": "00:01:00", "Regions": ["eu-west-1"],
              "ServiceUrl": "https://vpce-0123456789abcdef0.ec2.eu-west-1.vpce.amazonaws.com", "UserRetention": "1.00:00:00"
            }
            """), filters["ClientVpn"]), filters.ToJsonString());
    }

    private static Task<RenderedChart> Render(string cell, string more = "") =>
        RenderedChart.RenderAsync(ValuesMatrix.Cell(cell).Values, ValuesMatrix.Cell(cell).KubeVersion, more);

    private static string? Checksum(RenderedChart chart, string name) =>
        (string?)chart.Workload["spec"]!["template"]!["metadata"]!["annotations"]![$"checksum/{name}"];

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
