{{/* The chart name, or nameOverride. */}}
{{- define "clientvpn-exporter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name of the release's objects: fullnameOverride, else release-name, without repeating the chart name. */}}
{{- define "clientvpn-exporter.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "clientvpn-exporter.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "clientvpn-exporter.labels" -}}
helm.sh/chart: {{ include "clientvpn-exporter.chart" . }}
{{ include "clientvpn-exporter.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: clientvpn-exporter
{{- end }}

{{/* Labels that select the release's pods. */}}
{{- define "clientvpn-exporter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "clientvpn-exporter.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "clientvpn-exporter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "clientvpn-exporter.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image reference: repository@digest, else repository:tag (the appVersion by default). */}}
{{- define "clientvpn-exporter.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* The exporter's appsettings.Production.json, from .Values.config and .Values.extraConfig. */}}
{{- define "clientvpn-exporter.settings" -}}
{{- $c := .Values.config }}
{{- $clientVpn := dict "PollInterval" $c.pollInterval "PageSize" $c.pageSize "MaxConcurrentEndpoints" $c.maxConcurrentEndpoints "MaxConcurrentTargets" $c.maxConcurrentTargets "PerUserMetrics" $c.perUserMetrics "PerConnectionMetrics" $c.perConnectionMetrics "UserRetention" $c.userRetention }}
{{- /* Empty lists and strings are left out, so the exporter's own defaults apply. */}}
{{- with $c.regions }}
{{- $_ := set $clientVpn "Regions" . }}
{{- end }}
{{- with $c.accounts }}
{{- $accounts := list }}
{{- range . }}
{{- $account := dict "RoleArn" .roleArn }}
{{- with .externalId }}{{ $_ := set $account "ExternalId" . }}{{ end }}
{{- with .sessionName }}{{ $_ := set $account "SessionName" . }}{{ end }}
{{- with .regions }}{{ $_ := set $account "Regions" . }}{{ end }}
{{- $accounts = append $accounts $account }}
{{- end }}
{{- $_ := set $clientVpn "Accounts" $accounts }}
{{- end }}
{{- with $c.endpointIds }}
{{- $_ := set $clientVpn "EndpointIds" . }}
{{- end }}
{{- with $c.endpointTags }}
{{- $_ := set $clientVpn "EndpointTags" . }}
{{- end }}
{{- with $c.serviceUrl }}
{{- $_ := set $clientVpn "ServiceUrl" . }}
{{- end }}
{{- with .Values.otlp }}
{{- if .enabled }}
{{- $otlp := dict "MetricsExporter" "prometheus,otlp" "Protocol" .protocol "TemporalityPreference" .temporalityPreference "ExportInterval" .exportInterval }}
{{- with .endpoint }}{{ $_ := set $otlp "Endpoint" . }}{{ end }}
{{- $_ := set $clientVpn "Otlp" $otlp }}
{{- end }}
{{- end }}
{{- $settings := dict "ClientVpn" $clientVpn "Logging" (dict "LogLevel" (dict "Default" $c.logLevel)) }}
{{- mustMergeOverwrite $settings (deepCopy .Values.extraConfig) | toPrettyJson }}
{{- end }}

{{/* Whether the exporter is given a web configuration file (TLS or basic authentication). */}}
{{- define "clientvpn-exporter.webConfigured" -}}
{{- if or .Values.web.tls.enabled .Values.web.basicAuth.enabled }}true{{ end }}
{{- end }}

{{/* HTTPS with web.tls, else HTTP: the scheme of the probes and of the ServiceMonitor. */}}
{{- define "clientvpn-exporter.scheme" -}}
{{- if .Values.web.tls.enabled }}HTTPS{{ else }}HTTP{{ end }}
{{- end }}

{{/*
  The exporter-toolkit web configuration file. The certificate files sit beside it (one projected volume),
  so the paths are relative: the exporter resolves them against the file's folder.
*/}}
{{- define "clientvpn-exporter.webConfig" -}}
{{- $web := dict }}
{{- if .Values.web.tls.enabled }}
{{- $_ := set $web "tls_server_config" (dict "cert_file" "tls.crt" "key_file" "tls.key" "min_version" .Values.web.tls.minVersion) }}
{{- end }}
{{- if .Values.web.basicAuth.enabled }}
{{- $_ := set $web "basic_auth_users" .Values.web.basicAuth.users }}
{{- end }}
{{- toYaml $web }}
{{- end }}

{{/* Where the web configuration file is mounted. */}}
{{- define "clientvpn-exporter.webConfigDir" -}}
/etc/clientvpn-exporter/web
{{- end }}

{{/* Where the persisted ledger lives (persistence.enabled). */}}
{{- define "clientvpn-exporter.stateDir" -}}
/var/lib/clientvpn-exporter
{{- end }}

{{/* A probe of values.yaml, with HTTPS when the exporter serves TLS. */}}
{{- define "clientvpn-exporter.probe" -}}
{{- $probe := deepCopy .probe }}
{{- if and .root.Values.web.tls.enabled $probe.httpGet }}
{{- $_ := set $probe.httpGet "scheme" "HTTPS" }}
{{- end }}
{{- toYaml $probe }}
{{- end }}
