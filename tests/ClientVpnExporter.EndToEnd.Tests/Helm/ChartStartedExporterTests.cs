using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Support;
using ClientVpnSimulator;
using Xunit.Abstractions;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>
/// The exporter started from the rendered chart, for cells of the values matrix: the Deployment's container
/// (command, args, env, mounted ConfigMap and Secrets) laid out by <see cref="ChartPod"/> and run against the
/// simulator, whose URL is given the way a user gives one, through values. Then the rendered ServiceMonitor,
/// turned into the scrape configuration the Prometheus Operator would generate, and the rendered PrometheusRule
/// are given to Debian's Prometheus, which must scrape the target up and load every rule. Each cell runs the image's
/// Native AOT binary and the JIT build.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class ChartStartedExporterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static readonly string[] AlwaysServed =
        ["clientvpn_endpoint_info", "clientvpn_endpoint_up", "clientvpn_connections", "clientvpn_active_users", "clientvpn_exporter_build_info", "clientvpn_exporter_polls_total",
        "process_cpu_seconds_total", "process_resident_memory_bytes", "process_start_time_seconds", "dotnet_gc_collections_total"];

    // The families the exporter itself serves and the README's metric tables must name.
    private static readonly string[] OwnFamilyPrefixes = ["clientvpn_", "process_", "dotnet_"];

    [Theory]
    [InlineData("defaults", ExporterBuild.Aot)]
    [InlineData("defaults", ExporterBuild.Jit)]
    [InlineData("tls-and-basic-auth", ExporterBuild.Aot)]
    [InlineData("tls-and-basic-auth", ExporterBuild.Jit)]
    [InlineData("several-accounts", ExporterBuild.Aot)]
    [InlineData("several-accounts", ExporterBuild.Jit)]
    [InlineData("per-user-and-per-connection", ExporterBuild.Aot)]
    [InlineData("per-user-and-per-connection", ExporterBuild.Jit)]
    [InlineData("labels-and-annotations", ExporterBuild.Aot)]
    [InlineData("labels-and-annotations", ExporterBuild.Jit)]
    public async Task ExporterStartedFromTheRenderedChart_BecomesReady_ServesTheCatalog_AndPrometheusScrapesItByTheServiceMonitor(string cellName, ExporterBuild build)
    {
        var prometheusPath = ExternalTool.Prometheus;
        var cell = ValuesMatrix.Cell(cellName);
        var run = $"{cellName}/{build}";
        var accounts = ((JsonArray?)Yaml.Parse(cell.Values)?["config"]?["accounts"])?.Select(a => ((string)a!["roleArn"]!).Split(':')[4]).ToList() ?? [];
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            Endpoints = 2,
            ConnectionsPerEndpoint = 20,
            Seed = 14,
            Accounts = ["111111111111", .. accounts],
        });
        var root = Directory.CreateTempSubdirectory("clientvpn-chart-pod-");
        File.SetUnixFileMode(root.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
        try
        {
            var port = FreePort.Next();
            // What a user sets to point the chart at another EC2 endpoint; a free port and a scrape interval short
            // enough for a test.
            var overlay = $"""
                config:
                  serviceUrl: {simulator.BaseAddress}
                containerPort: {port}
                serviceMonitor: {"{"}enabled: true, interval: 1s, scrapeTimeout: 1s{"}"}
                prometheusRule: {"{"}enabled: true{"}"}
                """;
            var chart = await RenderedChart.RenderAsync(cell.Values, cell.KubeVersion, overlay);
            var monitor = chart.Single("ServiceMonitor");
            var endpoint = monitor["spec"]!["endpoints"]!.AsArray().Single()!.AsObject();
            var serverName = (string?)endpoint["tlsConfig"]?["serverName"];
            using var certificates = serverName is null ? null : TestCertificates.Issue(serverName);
            var cluster = ClusterSecrets(certificates);

            var pod = new ChartPod(chart, root.FullName, cluster, build);
            var mounts = await pod.LayOutAsync();
            using var exporter = pod.Start(PodIdentityEnvironment);
            using var http = Client(certificates, serverName);
            var scheme = (string?)endpoint["scheme"] ?? "http";
            var baseAddress = new Uri($"{scheme}://127.0.0.1:{pod.ContainerPort}/");

            await Poll.UntilAsync(
                async () =>
                {
                    Assert.False(exporter.HasExited, "the exporter exited:\n" + exporter.RecentOutput);
                    return (await http.GetAsync(new Uri(baseAddress, "readyz"))).StatusCode == HttpStatusCode.OK;
                },
                StartTimeout,
                $"the exporter started from the chart ({run}) to be ready",
                () => exporter.RecentOutput);

            var credentials = endpoint["basicAuth"] is null ? null : Credentials(endpoint, cluster);
            var metrics = await CatalogAsync(http, baseAddress, credentials, chart);
            ChartReport.Write(output, string.Join(
                "  ",
                $"chart run  {run,-31}",
                $"started {string.Join(' ', ["clientvpn-exporter", .. chart.Container["args"]?.AsArray().Select(a => (string)a!) ?? []])} as uid {chart.PodSpec["securityContext"]!["runAsUser"]}",
                $"mounts {string.Join(", ", mounts.Select(m => $"{m.Key} ({string.Join(' ', m.Value)})"))}",
                $"ready; {scheme}{(credentials is null ? "" : " + basic auth")}; /metrics {metrics.Families} families, {metrics.Endpoints} endpoints up"));

            await this.CurlAsNotesSayAsync(cell, overlay, pod, cluster, root.FullName, run);
            await this.ScrapeWithPrometheusAsync(prometheusPath, chart, endpoint, pod, cluster, certificates, root.FullName, run);
        }
        finally
        {
            try
            {
                root.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A killed process may still hold a file; the system cleans the temp folder.
            }
        }
    }

    private static async Task<(int Families, int Endpoints)> CatalogAsync(HttpClient http, Uri baseAddress, AuthenticationHeaderValue? credentials, RenderedChart chart)
    {
        if (credentials is not null)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri(baseAddress, "metrics"))).StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "metrics"));
        request.Headers.Authorization = credentials;
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var families = text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet(StringComparer.Ordinal);
        var up = EndpointUp().Matches(text).Select(m => m.Groups[1].Value).ToList();
        var settingsMap = (string)chart.PodSpec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "settings")!["configMap"]!["name"]!;
        var settings = JsonNode.Parse(chart.ConfigMapText(settingsMap, "appsettings.Production.json")!)!["ClientVpn"]!;
        var documented = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

        Assert.All(AlwaysServed, name => Assert.Contains(name, families));
        Assert.Equal((bool?)settings["PerUserMetrics"] == true, families.Contains("clientvpn_user_connections"));
        Assert.Equal((bool?)settings["PerConnectionMetrics"] == true, families.Contains("clientvpn_connection_info"));
        Assert.NotEmpty(up);
        Assert.All(up, value => Assert.Equal("1", value));
        Assert.All(families.Where(f => OwnFamilyPrefixes.Any(p => f.StartsWith(p, StringComparison.Ordinal))), f => Assert.Contains($"`{f}`", documented, StringComparison.Ordinal));
        if (settings["Accounts"] is JsonArray accounts)
        {
            var read = AccountLabel().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(accounts.Select(a => ((string)a!["RoleArn"]!).Split(':')[4]).ToHashSet(StringComparer.Ordinal), read);
        }

        return (families.Count, up.Count);
    }

    /// <summary>
    /// Runs the curl command NOTES.txt prints, with the address and port its kubectl lines would export (the
    /// pod's, as the port-forward gives it), the CA its kubectl line would save, and the scrape credentials.
    /// </summary>
    private async Task CurlAsNotesSayAsync(ChartCell cell, string overlay, ChartPod pod, Dictionary<string, IReadOnlyDictionary<string, string>> cluster, string root, string run)
    {
        var notes = await RenderedChart.NotesAsync(cell.Values, overlay);
        var curl = notes.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("curl ", StringComparison.Ordinal));
        var command = curl.Replace("<user>:<password>", $"{ValuesMatrix.ScrapeUser}:{ValuesMatrix.ScrapePassword}", StringComparison.Ordinal);
        if (cluster.TryGetValue(ValuesMatrix.TlsSecret, out var tls))
        {
            await File.WriteAllTextAsync(Path.Combine(root, "ca.crt"), tls["ca.crt"]);
        }

        var result = await ExternalTool.RunAsync(
            "/bin/sh", ["-c", command], root, TimeSpan.FromSeconds(30),
            new Dictionary<string, string> { ["ADDRESS"] = "127.0.0.1", ["PORT"] = pod.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        ChartReport.Write(output, $"chart run  {run,-31} NOTES.txt's command answered {result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length} clientvpn_endpoint_up lines: {curl}");
        Assert.True(result.ExitCode == 0, $"{command}\n{result.Output}");
        Assert.Matches(@"(?m)^clientvpn_endpoint_up\{", result.Output);
    }

    /// <summary>
    /// The scrape configuration the Prometheus Operator generates for the ServiceMonitor's endpoint, pointed at the
    /// pod the Service selects: each field converted, or the test fails on a field it does not know.
    /// </summary>
    private async Task ScrapeWithPrometheusAsync(
        string prometheusPath, RenderedChart chart, JsonObject endpoint, ChartPod pod,
        Dictionary<string, IReadOnlyDictionary<string, string>> cluster, TestCertificates? certificates, string root, string run)
    {
        var monitor = chart.Single("ServiceMonitor");
        var service = chart.Single("Service");
        var podLabels = chart.Deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(monitor["spec"]!["selector"]!["matchLabels"]!.AsObject(), l => Assert.Equal((string?)l.Value, (string?)service["metadata"]!["labels"]![l.Key]));
        Assert.All(service["spec"]!["selector"]!.AsObject(), l => Assert.Equal((string?)l.Value, (string?)podLabels[l.Key]));
        Assert.Equal([(string)service["metadata"]!["namespace"]!], monitor["spec"]!["namespaceSelector"]!["matchNames"]!.AsArray().Select(n => (string)n!));
        var servicePort = service["spec"]!["ports"]!.AsArray().Single(p => (string?)p!["name"] == (string?)endpoint["port"])!;
        var containerPort = chart.Container["ports"]!.AsArray().Single(p => (string?)p!["name"] == (string?)servicePort["targetPort"])!;

        var known = new[] { "port", "path", "scheme", "interval", "scrapeTimeout", "tlsConfig", "basicAuth", "relabelings", "metricRelabelings" };
        Assert.Empty(endpoint.Select(p => p.Key).Except(known));
        var job = new JsonObject
        {
            ["job_name"] = $"serviceMonitor/{monitor["metadata"]!["namespace"]}/{monitor["metadata"]!["name"]}/0",
            ["scrape_interval"] = (string?)endpoint["interval"],
            ["scrape_timeout"] = (string?)endpoint["scrapeTimeout"],
            ["metrics_path"] = (string?)endpoint["path"],
            ["scheme"] = (string?)endpoint["scheme"] ?? "http",
            ["static_configs"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray($"127.0.0.1:{(long)containerPort["containerPort"]!}") }),
            ["relabel_configs"] = Relabelings(endpoint["relabelings"]),
        };
        if (endpoint["metricRelabelings"] is { } metricRelabelings)
        {
            job["metric_relabel_configs"] = Relabelings(metricRelabelings);
        }

        if (endpoint["tlsConfig"] is JsonObject tls)
        {
            Assert.Empty(tls.Select(p => p.Key).Except(["ca", "serverName", "insecureSkipVerify"]));
            var ca = tls["ca"]!["secret"]!;
            var caFile = Path.Combine(root, "prometheus-ca.crt");
            await File.WriteAllTextAsync(caFile, cluster[(string)ca["name"]!][(string)ca["key"]!]);
            job["tls_config"] = new JsonObject { ["ca_file"] = caFile, ["server_name"] = (string?)tls["serverName"], ["insecure_skip_verify"] = (bool?)tls["insecureSkipVerify"] ?? false };
        }

        if (endpoint["basicAuth"] is JsonObject basicAuth)
        {
            var password = Path.Combine(root, "prometheus-password");
            await File.WriteAllTextAsync(password, SecretKey(cluster, basicAuth["password"]!));
            job["basic_auth"] = new JsonObject { ["username"] = SecretKey(cluster, basicAuth["username"]!), ["password_file"] = password };
        }

        var rule = chart.Single("PrometheusRule");
        var rulesFile = Path.Combine(root, "prometheusrule.json");
        await File.WriteAllTextAsync(rulesFile, new JsonObject { ["groups"] = rule["spec"]!["groups"]!.DeepClone() }.ToJsonString());
        var configFile = Path.Combine(root, "prometheus.json");
        await File.WriteAllTextAsync(configFile, new JsonObject
        {
            ["global"] = new JsonObject { ["evaluation_interval"] = "1s" },
            ["rule_files"] = new JsonArray(rulesFile),
            ["scrape_configs"] = new JsonArray(job),
        }.ToJsonString());

        var prometheusPort = FreePort.Next();
        using var prometheus = ChildProcess.Start(prometheusPath,
        [
            $"--config.file={configFile}",
            $"--storage.tsdb.path={Path.Combine(root, "prometheus-data")}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}",
            "--log.level=warn",
        ]);
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheusPort}/"), Timeout = TimeSpan.FromSeconds(5) };
        var jobName = (string)endpoint["relabelings"]![0]!["replacement"]!;
        var target = await Poll.UntilAsync(
            async () =>
            {
                Assert.False(prometheus.HasExited, "Prometheus exited:\n" + prometheus.RecentOutput);
                var targets = await api.GetFromJsonAsync<JsonObject>("api/v1/targets");
                var active = targets?["data"]?["activeTargets"]?.AsArray().SingleOrDefault();
                return (string?)active?["health"] == "up" ? active : null;
            },
            StartTimeout,
            "Prometheus to scrape the exporter by the ServiceMonitor's configuration",
            () => prometheus.RecentOutput + "\n" + pod.Root);
        var groups = await Poll.UntilAsync(
            async () =>
            {
                var rules = await api.GetFromJsonAsync<JsonObject>("api/v1/rules");
                var loaded = rules?["data"]?["groups"]?.AsArray();
                var evaluated = loaded?.SelectMany(g => g!["rules"]!.AsArray()).All(r => (string?)r!["health"] == "ok") == true;
                return evaluated ? loaded : null;
            },
            StartTimeout,
            "Prometheus to load and evaluate every rule of the PrometheusRule",
            () => prometheus.RecentOutput);
        var up = await api.GetFromJsonAsync<JsonObject>("api/v1/query?query=" + Uri.EscapeDataString($"up{{job=\"{jobName}\"}}"));

        var expected = rule["spec"]!["groups"]!.AsArray();
        Assert.Equal(expected.Select(g => (string)g!["name"]!).Order(StringComparer.Ordinal), groups.Select(g => (string)g!["name"]!).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Sum(g => g!["rules"]!.AsArray().Count), groups.Sum(g => g!["rules"]!.AsArray().Count));
        Assert.Equal(jobName, (string?)target["labels"]!["job"]);
        Assert.Equal("1", (string?)up!["data"]!["result"]![0]!["value"]![1]);
        ChartReport.Write(output, string.Join(
            "  ",
            $"chart run  {run,-31}",
            $"Prometheus from ServiceMonitor {monitor["metadata"]!["name"]}: target {target["scrapeUrl"]} up, job=\"{jobName}\"",
            $"PrometheusRule: {groups.Count} groups, {groups.Sum(g => g!["rules"]!.AsArray().Count)} rules loaded and evaluated"));
    }

    /// <summary>The prometheus-operator's RelabelConfig fields as Prometheus names them.</summary>
    private static JsonArray Relabelings(JsonNode? relabelings)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["action"] = "action", ["sourceLabels"] = "source_labels", ["separator"] = "separator", ["targetLabel"] = "target_label",
            ["regex"] = "regex", ["modulus"] = "modulus", ["replacement"] = "replacement",
        };
        var converted = new JsonArray();
        foreach (var relabeling in relabelings?.AsArray() ?? [])
        {
            var config = new JsonObject();
            foreach (var (key, value) in relabeling!.AsObject())
            {
                Assert.True(names.ContainsKey(key), $"relabeling field {key} is not converted by the test");
                config[names[key]] = value?.DeepClone();
            }

            converted.Add(config);
        }

        return converted;
    }

    /// <summary>What EKS' pod identity webhook gives every pod of the service account: a region and credentials (static keys here).</summary>
    internal static readonly IReadOnlyDictionary<string, string> PodIdentityEnvironment = new Dictionary<string, string>
    {
        ["AWS_REGION"] = "us-east-1", ["AWS_ACCESS_KEY_ID"] = "AKIDCHARTTEST", ["AWS_SECRET_ACCESS_KEY"] = "chart-test-secret",
    };

    /// <summary>
    /// What the cluster holds besides the chart: the TLS Secret (as cert-manager writes one), the scrape
    /// credentials, and the extra-env cell's hash key.
    /// </summary>
    internal static Dictionary<string, IReadOnlyDictionary<string, string>> ClusterSecrets(TestCertificates? certificates)
    {
        var secrets = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            [ValuesMatrix.ScrapeSecret] = new Dictionary<string, string> { ["username"] = ValuesMatrix.ScrapeUser, ["password"] = ValuesMatrix.ScrapePassword },
            ["clientvpn-hash-key"] = new Dictionary<string, string> { ["key"] = "chart-test-hash-key-0123456789" },
        };
        if (certificates is not null)
        {
            secrets[ValuesMatrix.TlsSecret] = new Dictionary<string, string>
            {
                ["tls.crt"] = certificates.ServerPem, ["tls.key"] = certificates.ServerKeyPem, ["ca.crt"] = certificates.AuthorityPem,
            };
        }

        return secrets;
    }

    private static string SecretKey(Dictionary<string, IReadOnlyDictionary<string, string>> cluster, JsonNode selector) =>
        cluster[(string)selector["name"]!][(string)selector["key"]!];

    private static AuthenticationHeaderValue Credentials(JsonObject endpoint, Dictionary<string, IReadOnlyDictionary<string, string>> cluster) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{SecretKey(cluster, endpoint["basicAuth"]!["username"]!)}:{SecretKey(cluster, endpoint["basicAuth"]!["password"]!)}")));

    /// <summary>An HTTP client that trusts only the test CA, for the Service's DNS name, as the ServiceMonitor's tlsConfig says.</summary>
    private static HttpClient Client(TestCertificates? certificates, string? serverName)
    {
        var handler = new SocketsHttpHandler();
        if (certificates is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 presented && certificates.Verifies(presented, serverName!),
            };
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
    }

    [GeneratedRegex(@"(?m)^clientvpn_endpoint_up\{[^}]*\} (\S+)")]
    private static partial Regex EndpointUp();

    [GeneratedRegex(@"clientvpn_endpoint_info\{[^}]*account_id=""(\d+)""")]
    private static partial Regex AccountLabel();
}
