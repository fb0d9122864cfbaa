using Xunit.Abstractions;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>
/// Values with a mistake, refused by Helm itself before anything is rendered: values.schema.json for the values
/// (helm lint --strict and helm template both check it), required for a Secret name only a combination of values
/// needs, and Chart.yaml's kubeVersion for a cluster the chart does not support. Each row names Helm's own error.
/// </summary>
public sealed class ValuesRejectionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("replicas: 2", "a misspelt top-level value", "at '': additional properties 'replicas' not allowed")]
    [InlineData("config: {pollIntervall: \"00:01:00\"}", "a misspelt setting", "at '/config': additional properties 'pollIntervall' not allowed")]
    [InlineData("config: {pollInterval: 1m}", "a Prometheus duration for a TimeSpan", "at '/config/pollInterval': '1m' does not match pattern")]
    [InlineData("config: {pollInterval: \"00:31:00\"}", "a poll interval above 30 minutes", "at '/config/pollInterval': '00:31:00' does not match pattern")]
    [InlineData("config: {pollInterval: \"00:00:00\"}", "a poll interval of zero", "at '/config/pollInterval': 'not' failed")]
    [InlineData("config: {regions: [US-EAST-1]}", "a region that is not a region name", "at '/config/regions/0': 'US-EAST-1' does not match pattern")]
    [InlineData("config: {endpointIds: [vpn-123]}", "an endpoint id that is not one", "at '/config/endpointIds/0': 'vpn-123' does not match pattern")]
    [InlineData("config: {pageSize: 2000}", "a page size above the API's 1000", "at '/config/pageSize': maximum: got 2,000, want 1,000")]
    [InlineData("config: {perUserMetrics: \"yes\"}", "a string for a boolean", "at '/config/perUserMetrics': got string, want boolean")]
    [InlineData("config: {accounts: [{roleArn: arn:aws:iam::123:role/x}]}", "an account role ARN with a short account id", "at '/config/accounts/0/roleArn': 'arn:aws:iam::123:role/x' does not match pattern")]
    [InlineData("securityContext: {allowPrivilegeEscalation: true}", "privilege escalation", "at '/securityContext/allowPrivilegeEscalation': value must be false")]
    [InlineData("securityContext: {readOnlyRootFilesystem: false}", "a writable root file system", "at '/securityContext/readOnlyRootFilesystem': value must be true")]
    [InlineData("securityContext: {capabilities: {drop: [NET_RAW]}}", "capabilities not all dropped", "at '/securityContext/capabilities/drop/0': value must be 'ALL'")]
    [InlineData("podSecurityContext: {runAsNonRoot: false}", "running as root", "at '/podSecurityContext/runAsNonRoot': value must be true")]
    [InlineData("prometheusRule: {thresholds: {connection_quota_ratio: 1.5}}", "a ratio above 1", "at '/prometheusRule/thresholds/connection_quota_ratio': maximum: got 1.5, want 1")]
    [InlineData("prometheusRule: {thresholds: {quota: 100}}", "a threshold the rules do not have", "at '/prometheusRule/thresholds': additional properties 'quota' not allowed")]
    [InlineData("prometheusRule: {disabledAlerts: [ClientVpnSomethingElse]}", "disabling an alert that does not exist", "at '/prometheusRule/disabledAlerts/0': value must be one of 'ClientVpnExporterDown'")]
    [InlineData("serviceAccount: {roleArn: my-role}", "a role that is not an IAM role ARN", "at '/serviceAccount/roleArn': 'my-role' does not match pattern")]
    [InlineData("readinessProbe: {httpGet: {path: /metrics}}", "a probe on the metrics endpoint", "at '/readinessProbe/httpGet/path': value must be one of '/healthz', '/readyz'")]
    [InlineData("containerPort: 70000", "a port above 65535", "at '/containerPort': maximum: got 70,000, want 65,535")]
    [InlineData("service: {type: ExternalName}", "a Service type that cannot reach the pod", "at '/service/type': value must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'")]
    [InlineData("web: {tls: {enabled: true}}", "TLS without its certificate Secret", "at '/web/tls/secretName': minLength: got 0, want 1")]
    [InlineData("web: {tls: {enabled: true, secretName: tls, minVersion: TLS11}}", "a TLS version the exporter refuses", "at '/web/tls/minVersion': value must be one of 'TLS12', 'TLS13'")]
    [InlineData("web: {basicAuth: {enabled: true}}", "basic auth without a user", "at '/web/basicAuth/users': minProperties: got 0, want 1")]
    [InlineData("web: {basicAuth: {enabled: true, users: {prometheus: secret}}}", "a plain-text password for a bcrypt hash", "at '/web/basicAuth/users/prometheus': 'secret' does not match pattern")]
    [InlineData("persistence: {enabled: true}\nreplicaCount: 2", "two replicas on one ReadWriteOnce ledger volume", "at '/replicaCount': maximum: got 2, want 1")]
    [InlineData("sharding: {shards: 2}\nservice: {type: LoadBalancer}", "a load balancer in front of shards that each export only their share", "at '/service/type': value must be 'ClusterIP'")]
    [InlineData("sharding: {shards: 2}\npersistence: {enabled: true, existingClaim: ledger}", "one existing claim for several shards' ledgers", "at '/persistence/existingClaim': maxLength: got 6, want 0")]
    [InlineData("sharding: {shards: -1}", "a negative shard count", "at '/sharding/shards': minimum: got -1, want 0")]
    [InlineData("persistence: {size: lots}", "a volume size that is not a quantity", "at '/persistence/size': 'lots' does not match pattern")]
    public async Task ValuesWithAMistake_AreRefusedByHelmLintAndTemplate_WithTheSchemasError(string values, string mistake, string error)
    {
        var lint = await RenderedChart.LintAsync(values);
        var template = await RenderedChart.TemplateAsync(values);

        this.Report(mistake, lint, template);
        Assert.True(template.ExitCode != 0, $"helm template accepted {mistake}");
        Assert.Contains("values don't meet the specifications of the schema(s)", template.StandardError, StringComparison.Ordinal);
        Assert.Contains(error, template.StandardError, StringComparison.Ordinal);
        Assert.True(lint.ExitCode != 0, $"helm lint --strict accepted {mistake}");
        Assert.Contains(error, lint.StandardOutput + lint.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BasicAuthWithAServiceMonitor_WithoutTheScrapeSecret_IsRefusedByTemplateWithTheValueToSet()
    {
        var values = $$"""
            web:
              basicAuth:
                enabled: true
                users:
                  prometheus: "{{ValuesMatrix.ScrapePasswordHash}}"
            serviceMonitor: {enabled: true}
            """;

        var lint = await RenderedChart.LintAsync(values);
        var template = await RenderedChart.TemplateAsync(values);

        this.Report("basic auth and a ServiceMonitor without the scrape Secret", lint, template);
        Assert.True(template.ExitCode != 0);
        Assert.Contains("execution error at (clientvpn-exporter/templates/servicemonitor.yaml", template.StandardError, StringComparison.Ordinal);
        Assert.Contains("web.basicAuth.scrapeSecret.name: the Secret with the user name and password the ServiceMonitor sends is needed", template.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.28.15")]
    [InlineData("1.37.0")]
    public async Task AKubernetesVersionOutsideKubeVersion_IsRefusedByTemplate(string kubeVersion)
    {
        var lint = await RenderedChart.LintAsync("", kubeVersion);
        var template = await RenderedChart.TemplateAsync("", kubeVersion);

        this.Report($"Kubernetes {kubeVersion}", lint, template);
        Assert.True(template.ExitCode != 0);
        Assert.Contains($"chart requires kubeVersion: >=1.29.0-0 <1.37.0-0 which is incompatible with Kubernetes v{kubeVersion}", template.StandardError, StringComparison.Ordinal);
    }

    private void Report(string mistake, SeparateOutput lint, SeparateOutput template)
    {
        var error = template.StandardError.Split('\n').Select(l => l.Trim().TrimStart('-', ' ')).FirstOrDefault(l => l.StartsWith("at '", StringComparison.Ordinal))
            ?? template.StandardError.Split('\n').FirstOrDefault(l => l.StartsWith("Error:", StringComparison.Ordinal))?["Error: ".Length..]
            ?? "";
        ChartReport.Write(output, string.Join(
            "  ",
            $"chart cell rejects {mistake}:",
            $"lint {(lint.ExitCode != 0 ? "rejected" : "passed (lint does not check this)")}",
            $"render {(template.ExitCode != 0 ? "rejected" : "ACCEPTED")}",
            "schema not run",
            $"Helm: {error}"));
    }
}
