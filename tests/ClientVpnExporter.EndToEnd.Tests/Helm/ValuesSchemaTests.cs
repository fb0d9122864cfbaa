using System.Text.Json.Nodes;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>values.yaml against values.schema.json, as Helm checks them before rendering (no Helm binary here).</summary>
public class ValuesSchemaTests
{
    [Fact]
    public void DefaultValues_ValidateAgainstTheSchema()
    {
        var errors = ChartValues.Validate(ChartValues.Load());

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void ATypicalProductionOverride_Validates()
    {
        var values = ChartValues.Load();
        var overrides = Yaml.Parse("""
            image:
              tag: "0.1.0"
            config:
              regions: [eu-west-1, us-east-1]
              endpointTags:
                Environment: [prod]
                "aws:cloudformation:stack-name": []
              pollInterval: "00:02:00"
              perUserMetrics: true
            serviceAccount:
              roleArn: arn:aws:iam::123456789012:role/clientvpn-exporter
            serviceMonitor:
              enabled: true
              labels:
                release: kube-prometheus-stack
            prometheusRule:
              enabled: true
              labels:
                release: kube-prometheus-stack
              thresholds:
                connection_quota: 36500
                connection_quota_ratio: 0.9
              disabledAlerts: [ClientVpnExporterParseErrors]
              additionalRuleLabels:
                team: network
            dashboards:
              enabled: true
              annotations:
                grafana_folder: AWS Client VPN
            podDisruptionBudget:
              enabled: true
              minAvailable: "50%"
            networkPolicy:
              enabled: true
              metricsFrom:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: monitoring
            """)!.AsObject();
        Merge(values, overrides);

        var errors = ChartValues.Validate(values);

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Theory]
    [InlineData("replicas: 2", "a misspelt top-level value")]
    [InlineData("config: {pollIntervall: \"00:01:00\"}", "a misspelt setting")]
    [InlineData("config: {pollInterval: 1m}", "a Prometheus duration where a TimeSpan is needed")]
    [InlineData("config: {pollInterval: \"00:31:00\"}", "a poll interval above 30 minutes")]
    [InlineData("config: {pollInterval: \"00:00:00\"}", "a poll interval of zero")]
    [InlineData("config: {regions: [US-EAST-1]}", "a region that is not a region name")]
    [InlineData("config: {endpointIds: [vpn-123]}", "an endpoint id that is not one")]
    [InlineData("config: {pageSize: 2000}", "a page size above the API's 1000")]
    [InlineData("config: {perUserMetrics: \"yes\"}", "a string where a boolean is needed")]
    [InlineData("securityContext: {allowPrivilegeEscalation: true, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}", "privilege escalation")]
    [InlineData("securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: false, capabilities: {drop: [ALL]}}", "a writable root file system")]
    [InlineData("securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [NET_RAW]}}", "capabilities not all dropped")]
    [InlineData("podSecurityContext: {runAsNonRoot: false}", "running as root")]
    [InlineData("prometheusRule: {thresholds: {connection_quota_ratio: 1.5}}", "a ratio above 1")]
    [InlineData("prometheusRule: {thresholds: {quota: 100}}", "a threshold the rules do not have")]
    [InlineData("prometheusRule: {disabledAlerts: [ClientVpnSomethingElse]}", "disabling an alert that does not exist")]
    [InlineData("serviceAccount: {roleArn: my-role}", "a role that is not an IAM role ARN")]
    [InlineData("readinessProbe: {httpGet: {path: /metrics, port: http}}", "a probe on the metrics endpoint")]
    public void ValuesWithAMistake_AreRejected(string overrideYaml, string mistake)
    {
        var values = ChartValues.Load();
        Merge(values, Yaml.Parse(overrideYaml)!.AsObject());

        Assert.True(ChartValues.Validate(values).Count > 0, $"the schema accepted {mistake}");
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
