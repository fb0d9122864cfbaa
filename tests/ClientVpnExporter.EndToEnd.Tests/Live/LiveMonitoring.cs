using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using ClientVpnExporter.EndToEnd.Tests.Support;
using ClientVpnExporter.Hosting;
using ClientVpnSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>
/// The whole monitoring path on loopback: the simulator, the real exporter reading it (per-user and
/// per-connection detail on), Debian's Prometheus scraping the exporter every second with the bundle's rules,
/// and Debian's Alertmanager routing Prometheus' alerts to a webhook. Every process is killed on dispose.
/// </summary>
public sealed partial class LiveMonitoring : IAsyncLifetime
{
    public const string Job = "clientvpn-exporter";

    // Ten simulated seconds a second: sessions end every second (session histogram, traffic), while the
    // per-connection series grow slowly enough that the exporter does not replace its series generation
    // (which drops every series from one scrape) during the test.
    private static readonly SimulatorOptions Fleet = new() { Endpoints = 3, ConnectionsPerEndpoint = 50, ChurnPerHour = 600, ClockSpeed = 10, Seed = 7 };
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("clientvpn-e2e-");
    private readonly int simulatorPort = FreePort.Next();
    private SimulatorServer? simulator;
    private WebApplication? exporter;
    private ChildProcess? prometheus;
    private ChildProcess? alertmanager;

    public HttpClient Prometheus { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public HttpClient Alertmanager { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public HttpClient Exporter { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public WebhookReceiver Webhook { get; private set; } = null!;

    /// <summary>The rules Prometheus loaded: the canonical file with every <c>for</c> cut to one second.</summary>
    public string LoadedRulesFile => Path.Combine(this.work.FullName, "clientvpn-rules.yaml");

    public string Diagnostics =>
        $"--- prometheus ---\n{this.prometheus?.RecentOutput}\n--- alertmanager ---\n{this.alertmanager?.RecentOutput}";

    public async Task InitializeAsync()
    {
        // Fail fast, before anything starts, when a tool is missing.
        var prometheusPath = ExternalTool.Prometheus;
        var alertmanagerPath = ExternalTool.Alertmanager;

        await this.StartSimulatorAsync();
        await this.StartExporterAsync();
        this.Webhook = await WebhookReceiver.StartAsync();

        var alertmanagerPort = FreePort.Next();
        var alertmanagerConfig = Path.Combine(this.work.FullName, "alertmanager.yml");
        await File.WriteAllTextAsync(alertmanagerConfig, $"""
            route:
              receiver: webhook
              group_by: [alertname, endpoint_id]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: webhook
                webhook_configs:
                  - url: {this.Webhook.Url}
                    send_resolved: true
            """);
        this.alertmanager = ChildProcess.Start(alertmanagerPath,
        [
            $"--config.file={alertmanagerConfig}",
            $"--storage.path={Path.Combine(this.work.FullName, "alertmanager-data")}",
            $"--web.listen-address=127.0.0.1:{alertmanagerPort}",
            "--cluster.listen-address=",
            "--log.level=warn",
        ]);
        this.Alertmanager.BaseAddress = new Uri($"http://127.0.0.1:{alertmanagerPort}/");

        // The canonical rules, every `for` cut to one second so an alert fires within seconds; expressions,
        // thresholds, labels and annotations unchanged.
        var rules = await File.ReadAllTextAsync(RepositoryPaths.RulesFile);
        await File.WriteAllTextAsync(this.LoadedRulesFile, ForPattern().Replace(rules, "${indent}for: 1s"));

        var prometheusPort = FreePort.Next();
        var prometheusConfig = Path.Combine(this.work.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(prometheusConfig, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files:
              - {this.LoadedRulesFile}
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['127.0.0.1:{alertmanagerPort}']
            scrape_configs:
              - job_name: {Job}
                static_configs:
                  - targets: ['{this.Exporter.BaseAddress!.Authority}']
            """);
        this.prometheus = ChildProcess.Start(prometheusPath,
        [
            $"--config.file={prometheusConfig}",
            $"--storage.tsdb.path={Path.Combine(this.work.FullName, "prometheus-data")}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}",
            "--log.level=warn",
        ]);
        this.Prometheus.BaseAddress = new Uri($"http://127.0.0.1:{prometheusPort}/");

        await Poll.UntilAsync(async () => (await this.Alertmanager.GetAsync("-/ready")).IsSuccessStatusCode, StartTimeout, "Alertmanager to be ready", () => this.Diagnostics);
        await Poll.UntilAsync(async () => (await this.Prometheus.GetAsync("-/ready")).IsSuccessStatusCode, StartTimeout, "Prometheus to be ready", () => this.Diagnostics);
        await this.WaitUntilHealthyAsync();
    }

    /// <summary>
    /// Waits until Prometheus has scraped every endpoint up for long enough that rates and the session histogram
    /// have data.
    /// </summary>
    public async Task WaitUntilHealthyAsync()
    {
        await Poll.UntilAsync(
            async () =>
            {
                var up = await this.QueryAsync($"min(clientvpn_endpoint_up{{job=\"{Job}\"}}) == 1 and count(clientvpn_endpoint_up{{job=\"{Job}\"}}) == {Fleet.Endpoints}");
                var rates = await this.QueryAsync($"sum(rate(clientvpn_session_duration_seconds_count{{job=\"{Job}\"}}[1m])) > 0 and sum(rate(clientvpn_ingress_bytes_total{{job=\"{Job}\"}}[1m])) > 0");
                return up.Count == 1 && rates.Count == 1;
            },
            StartTimeout,
            "every endpoint up and traffic and session rates in Prometheus",
            () => this.Diagnostics);
    }

    /// <summary>An instant query; fails the test when Prometheus answers with an error.</summary>
    public async Task<JsonArray> QueryAsync(string promql)
    {
        var answer = await this.GetPrometheusAsync("api/v1/query?query=" + Uri.EscapeDataString(promql), promql);
        return answer["data"]!["result"]!.AsArray();
    }

    /// <summary>A range query over the last minute, one point every two seconds.</summary>
    public async Task<JsonArray> QueryRangeAsync(string promql)
    {
        var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var url = FormattableString.Invariant($"api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={end - 60}&end={end}&step=2");
        var answer = await this.GetPrometheusAsync(url, promql);
        return answer["data"]!["result"]!.AsArray();
    }

    /// <summary>An expression as Prometheus formats it after parsing, to compare expressions by meaning.</summary>
    public async Task<string> FormatAsync(string promql)
    {
        var answer = await this.GetPrometheusAsync("api/v1/format_query?query=" + Uri.EscapeDataString(promql), promql);
        return (string)answer["data"]!;
    }

    /// <summary>
    /// The values of a label on the series matching a selector, as Grafana's label_values() finds them over the
    /// dashboard's time range: here the last 15 seconds, so endpoints gone before a restart are not offered.
    /// </summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string selector, string label)
    {
        var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var url = FormattableString.Invariant($"api/v1/series?match[]={Uri.EscapeDataString(selector)}&start={end - 15}&end={end}");
        var answer = await this.GetPrometheusAsync(url, selector);
        return [.. answer["data"]!.AsArray().Select(s => (string?)s![label]).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Replaces the simulator's fault set (<c>PUT /sim/faults</c>).</summary>
    public async Task SetFaultsAsync(string json)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{this.simulatorPort}/") };
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PutAsync("sim/faults", content);
        Assert.True(response.IsSuccessStatusCode, $"PUT /sim/faults: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Sends one request to the simulator's control API (<c>/sim/...</c>) and fails the test unless it succeeds.</summary>
    public async Task ControlAsync(HttpMethod method, string path, string? json = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{this.simulatorPort}/") };
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits until Alertmanager holds <paramref name="count"/> active <paramref name="alert"/> alerts and the webhook was told; returns them.</summary>
    public async Task<JsonArray> WaitForAlertsAsync(string alert, int count, TimeSpan timeout)
    {
        var firing = await Poll.UntilAsync(
            async () => await this.ActiveAlertsAsync(alert) is { } alerts && alerts.Count == count ? alerts : null,
            timeout,
            $"{count} {alert} alert(s) in Alertmanager",
            () => this.Diagnostics);
        await Poll.UntilAsync(() => Task.FromResult(this.Webhook.Received("firing", alert)), timeout, $"the webhook receiver to be notified of {alert} firing");
        return firing;
    }

    /// <summary>Waits until no <paramref name="alert"/> is active in Alertmanager and the webhook was told it resolved.</summary>
    public async Task WaitForResolutionAsync(string alert, TimeSpan timeout)
    {
        await Poll.UntilAsync(async () => (await this.ActiveAlertsAsync(alert)).Count == 0, timeout, $"{alert} to resolve in Alertmanager", () => this.Diagnostics);
        await Poll.UntilAsync(() => Task.FromResult(this.Webhook.Received("resolved", alert)), timeout, $"the webhook receiver to be notified of {alert} resolved");
    }

    /// <summary>The active <paramref name="alert"/> alerts in Alertmanager.</summary>
    public async Task<JsonArray> ActiveAlertsAsync(string alert)
    {
        var url = "api/v2/alerts?active=true&filter=" + Uri.EscapeDataString($"alertname=\"{alert}\"");
        return (await this.Alertmanager.GetFromJsonAsync<JsonArray>(url))!;
    }

    /// <summary>Clears the simulator's faults (<c>DELETE /sim/faults</c>).</summary>
    public async Task ClearFaultsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{this.simulatorPort}/") };
        using var response = await http.DeleteAsync("sim/faults");
        Assert.True(response.IsSuccessStatusCode, $"DELETE /sim/faults: {(int)response.StatusCode}");
    }

    /// <summary>Stops the simulator, so every AWS call of the exporter fails with a network error.</summary>
    public async Task StopSimulatorAsync()
    {
        if (this.simulator is { } running)
        {
            this.simulator = null;
            await running.DisposeAsync();
        }
    }

    /// <summary>Starts a simulator with the same fleet on the same port: the exporter reads the same endpoint ids again.</summary>
    public async Task StartSimulatorAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                this.simulator = await SimulatorServer.StartAsync(Fleet, $"http://127.0.0.1:{this.simulatorPort}");
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // The port is still being released.
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The metric names the exporter serves, from its own /metrics.</summary>
    public async Task<IReadOnlySet<string>> ExposedMetricNamesAsync()
    {
        var text = await this.Exporter.GetStringAsync("metrics");
        return text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => MetricNamePrefix().Match(line).Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task DisposeAsync()
    {
        this.prometheus?.Dispose();
        this.alertmanager?.Dispose();
        if (this.exporter is not null)
        {
            await this.exporter.StopAsync();
            await this.exporter.DisposeAsync();
        }

        await this.StopSimulatorAsync();
        if (this.Webhook is not null)
        {
            await this.Webhook.DisposeAsync();
        }

        this.Prometheus.Dispose();
        this.Alertmanager.Dispose();
        this.Exporter.Dispose();
        try
        {
            this.work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still be closing a file; the temp folder is cleaned up by the system.
        }
    }

    private async Task StartExporterAsync()
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--ClientVpn:ServiceUrl=http://127.0.0.1:{this.simulatorPort}/",
            "--ClientVpn:Regions:0=us-east-1",
            "--ClientVpn:PollInterval=00:00:02",
            // The shortest health interval the settings allow, so a change in the simulator reaches the alerts in seconds.
            "--ClientVpn:HealthInterval=00:00:10",
            // The shortest connection-log interval too, so attempts reach the alerts within seconds of the simulator writing them.
            "--ClientVpn:ConnectionLog:Interval=00:00:10",
            "--ClientVpn:PerUserMetrics=true",
            "--ClientVpn:PerConnectionMetrics=true",
            "--Logging:LogLevel:Default=Error",
        ];
        this.exporter = ExporterHost.Build(args, builder =>
            builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDTEST", "secret")));
        await this.exporter.StartAsync();
        var address = this.exporter.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        this.Exporter.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        await Poll.UntilAsync(async () => (await this.Exporter.GetAsync("readyz")).IsSuccessStatusCode, StartTimeout, "the exporter to be ready");
    }

    private async Task<JsonObject> GetPrometheusAsync(string relativeUrl, string what)
    {
        using var response = await this.Prometheus.GetAsync(relativeUrl);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(
            response.IsSuccessStatusCode && (string?)body?["status"] == "success",
            $"Prometheus rejected {what}: {(int)response.StatusCode} {body?["errorType"]}: {body?["error"]}");
        return body!;
    }

    [GeneratedRegex(@"^(?<indent>\s+)for:\s*\S+\s*$", RegexOptions.Multiline)]
    private static partial Regex ForPattern();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricNamePrefix();
}

/// <summary>The tests that share one monitoring stack; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class LiveMonitoringGroup : ICollectionFixture<LiveMonitoring>
{
    public const string Name = "live monitoring";
}
