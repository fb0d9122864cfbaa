namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>One set of values the chart is rendered with, and the Kubernetes version it is rendered for.</summary>
internal sealed record ChartCell(string Name, string Values, string? KubeVersion = null);

/// <summary>
/// Values that between them take every branch of every template: each optional object on and off, both
/// AWS credential paths, the web configuration (TLS, basic auth, both), several accounts, detail metrics,
/// labels and annotations, extra environment, scheduling, persistence with and without a claim of its own,
/// every Service type, sharding (a StatefulSet) with and without persistence, and the oldest and newest Kubernetes the
/// chart claims.
/// </summary>
internal static class ValuesMatrix
{
    /// <summary>The password the basic-auth cells' Prometheus sends; its bcrypt hash is in their values.</summary>
    public const string ScrapePassword = "scrape-password-0123";

    public const string ScrapeUser = "prometheus";

    public const string TlsSecret = "vpn-exporter-tls";

    public const string ScrapeSecret = "vpn-exporter-scrape";

    public static readonly string ScrapePasswordHash = BCrypt.Net.BCrypt.HashPassword(ScrapePassword, 10);

    public static readonly IReadOnlyList<ChartCell> Cells =
    [
        new("defaults", ""),
        new("kubernetes-oldest", "", "1.29.0"),
        new("kubernetes-newest", "", "1.36.0"),
        new("every-object-on", """
            serviceMonitor: {enabled: true}
            prometheusRule: {enabled: true}
            dashboards: {enabled: true}
            podDisruptionBudget: {enabled: true}
            networkPolicy:
              enabled: true
              metricsFrom:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
              extraEgress:
                - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
                  ports: [{port: 8443, protocol: TCP}]
            imagePullSecrets: [{name: registry}]
            priorityClassName: monitoring
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                    - matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}]
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: topology.kubernetes.io/zone
                whenUnsatisfiable: ScheduleAnyway
                labelSelector: {matchLabels: {app.kubernetes.io/name: clientvpn-exporter}}
            """),
        new("irsa-role", """
            serviceAccount:
              roleArn: arn:aws:iam::123456789012:role/clientvpn-exporter
              annotations: {example.com/owner: network}
            networkPolicy: {enabled: true, podIdentityAgent: false, awsApiCidrs: [10.0.0.0/16, 52.94.0.0/16]}
            """),
        new("pod-identity", """
            serviceAccount: {name: clientvpn}
            networkPolicy: {enabled: true, podIdentityAgent: true}
            """),
        new("existing-service-account", "serviceAccount: {create: false, name: shared-exporters}"),
        new("tls-and-basic-auth", $$"""
            web:
              tls: {enabled: true, secretName: {{TlsSecret}}}
              basicAuth:
                enabled: true
                users: {{{ScrapeUser}}: "{{ScrapePasswordHash}}"}
                scrapeSecret: {name: {{ScrapeSecret}}}
            serviceMonitor: {enabled: true}
            prometheusRule: {enabled: true}
            """),
        new("tls13-own-tls-config", $$"""
            web:
              tls: {enabled: true, secretName: {{TlsSecret}}, minVersion: TLS13}
            serviceMonitor:
              enabled: true
              tlsConfig:
                serverName: exporter.example.com
                ca:
                  configMap: {name: internal-ca, key: ca.crt}
            """),
        new("basic-auth-only", $$"""
            web:
              basicAuth:
                enabled: true
                users: {{{ScrapeUser}}: "{{ScrapePasswordHash}}"}
                scrapeSecret: {name: {{ScrapeSecret}}, usernameKey: user, passwordKey: pass}
            serviceMonitor: {enabled: true}
            """),
        new("several-accounts", """
            config:
              regions: [us-east-1, eu-west-1]
              accounts:
                - roleArn: arn:aws:iam::222222222222:role/clientvpn-exporter
                - roleArn: arn:aws:iam::333333333333:role/clientvpn-exporter
                  externalId: clientvpn-external-id
                  sessionName: clientvpn-prod
                  regions: [us-east-1]
            """),
        new("per-user-and-per-connection", """
            config:
              perUserMetrics: true
              perConnectionMetrics: true
              userRetention: "2.00:00:00"
              pageSize: 500
              maxConcurrentEndpoints: 8
              pollInterval: "00:02:00"
              logLevel: Warning
            resources:
              requests: {cpu: 200m, memory: 512Mi}
              limits: {memory: 640Mi}
            """),
        new("endpoint-filters-and-service-url", """
            config:
              regions: [eu-west-1]
              endpointIds: [cvpn-endpoint-0123456789abcdef0]
              endpointTags: {Environment: [prod, staging], Team: []}
              serviceUrl: https://vpce-0123456789abcdef0.ec2.eu-west-1.vpce.amazonaws.com
            """),
        new("labels-and-annotations", """
            nameOverride: vpn-exporter
            jobName: client-vpn
            podAnnotations: {example.com/owner: network}
            podLabels: {team: network}
            service: {annotations: {example.com/internal: "true"}, labels: {tier: monitoring}}
            serviceMonitor:
              enabled: true
              namespace: prometheus
              labels: {release: kube-prometheus-stack}
              relabelings: [{action: replace, targetLabel: cluster, replacement: prod}]
              metricRelabelings: [{action: drop, sourceLabels: [__name__], regex: go_.*}]
            prometheusRule:
              enabled: true
              namespace: prometheus
              labels: {release: kube-prometheus-stack}
              thresholds: {connection_quota: 36500, connection_quota_ratio: 0.9}
              disabledAlerts: [ClientVpnExporterParseErrors]
              additionalRuleLabels: {team: network}
              postureNonCompliantMatcher: ".*quarantine.*"
              runbookBaseUrl: https://wiki.example.com/clientvpn-runbook
            dashboards:
              enabled: true
              namespace: grafana
              labels: {grafana_dashboard: "1", team: network}
              annotations: {grafana_folder: AWS Client VPN}
            """),
        new("extra-env-and-config", """
            extraEnv:
              - {name: DOTNET_GCHeapHardLimitPercent, value: "0x4B"}
              - name: ClientVpn__Privacy__HashKey
                valueFrom: {secretKeyRef: {name: clientvpn-hash-key, key: key}}
            extraConfig:
              ClientVpn: {ScrapeCacheDuration: "00:00:01", Privacy: {User: Hash}}
            """),
        new("node-selector-and-tolerations", """
            nodeSelector: {kubernetes.io/os: linux, node.kubernetes.io/instance-type: t3.small}
            tolerations:
              - {key: dedicated, operator: Equal, value: monitoring, effect: NoSchedule}
            terminationGracePeriodSeconds: 15
            """),
        new("persistence", """
            persistence: {enabled: true, size: 128Mi, storageClass: gp3}
            """),
        new("persistence-no-storage-class", """
            persistence: {enabled: true, storageClass: "-"}
            """),
        new("persistence-existing-claim", """
            persistence: {enabled: true, existingClaim: clientvpn-ledger}
            """),
        new("service-nodeport", "service: {type: NodePort, port: 19926}"),
        new("service-loadbalancer-tls", $$"""
            service: {type: LoadBalancer}
            web:
              tls: {enabled: true, secretName: {{TlsSecret}}}
            """),
        new("image-digest-and-names", """
            image:
              digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
              pullPolicy: Always
            fullnameOverride: clientvpn
            replicaCount: 2
            podDisruptionBudget: {enabled: true, minAvailable: "50%"}
            containerPort: 9100
            """),
        new("image-tag", "image: {tag: 0.2.0-rc.1, repository: registry.example.com/clientvpn-exporter}"),
        new("otlp-push", """
            otlp: {enabled: true, endpoint: "http://127.0.0.1:4317", protocol: grpc, temporalityPreference: delta, exportInterval: "00:00:30"}
            """),
        new("sharded", """
            sharding: {shards: 3}
            config: {maxConcurrentTargets: 32}
            serviceMonitor: {enabled: true}
            podDisruptionBudget: {enabled: true}
            networkPolicy: {enabled: true}
            """),
        new("sharded-with-persistence", """
            sharding: {shards: 2}
            persistence: {enabled: true, size: 128Mi, storageClass: gp3}
            """),
    ];

    public static TheoryData<string> Names => [.. Cells.Select(c => c.Name)];

    public static ChartCell Cell(string name) => Cells.Single(c => c.Name == name);
}
