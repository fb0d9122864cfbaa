{{/*
  The exporter's pod template: the Deployment's, or with sharding.shards the StatefulSet's, whose pods each
  take their shard from the ordinal ending their name.
*/}}
{{- define "clientvpn-exporter.podTemplate" -}}
metadata:
  annotations:
    # Rolls the pods when the settings (ConfigMap) or the web configuration (Secret) change.
    checksum/config: {{ include "clientvpn-exporter.settings" . | sha256sum }}
    {{- if include "clientvpn-exporter.webConfigured" . }}
    checksum/web-config: {{ include "clientvpn-exporter.webConfig" . | sha256sum }}
    {{- end }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  labels:
    {{- include "clientvpn-exporter.labels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "clientvpn-exporter.serviceAccountName" . }}
  # The exporter never calls the Kubernetes API. IRSA and Pod Identity mount their own token.
  automountServiceAccountToken: false
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml .Values.podSecurityContext | nindent 4 }}
  {{- with .Values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
  containers:
    - name: exporter
      image: {{ include "clientvpn-exporter.image" . | quote }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      {{- if include "clientvpn-exporter.webConfigured" . }}
      args:
        - --web.config.file={{ include "clientvpn-exporter.webConfigDir" . }}/web-config.yml
      {{- end }}
      ports:
        - name: http
          containerPort: {{ .Values.containerPort }}
          protocol: TCP
      env:
        # With web.tls the exporter serves HTTPS on this address (the web configuration applies to every listen address).
        - name: ASPNETCORE_URLS
          value: {{ printf "%s://+:%v" (include "clientvpn-exporter.scheme" . | lower) .Values.containerPort | quote }}
        {{- if include "clientvpn-exporter.sharded" . }}
        # Each pod reads the share of the targets that the ordinal ending its name (vpn-clientvpn-exporter-2) gives it.
        - name: ClientVpn__Sharding__Shards
          value: {{ .Values.sharding.shards | quote }}
        - name: ClientVpn__Sharding__Index
          value: auto
        {{- end }}
        {{- if .Values.persistence.enabled }}
        - name: ClientVpn__StateFile
          value: {{ include "clientvpn-exporter.stateDir" . }}/ledger.json
        {{- end }}
        {{- with .Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      livenessProbe:
        {{- include "clientvpn-exporter.probe" (dict "root" . "probe" .Values.livenessProbe) | nindent 8 }}
      readinessProbe:
        {{- include "clientvpn-exporter.probe" (dict "root" . "probe" .Values.readinessProbe) | nindent 8 }}
      startupProbe:
        {{- include "clientvpn-exporter.probe" (dict "root" . "probe" .Values.startupProbe) | nindent 8 }}
      resources:
        {{- toYaml .Values.resources | nindent 8 }}
      securityContext:
        {{- toYaml .Values.securityContext | nindent 8 }}
      volumeMounts:
        - name: settings
          mountPath: /app/appsettings.Production.json
          subPath: appsettings.Production.json
          readOnly: true
        # The root file system is read-only; .NET may still write temporary files.
        - name: tmp
          mountPath: /tmp
        {{- if include "clientvpn-exporter.webConfigured" . }}
        - name: web-config
          mountPath: {{ include "clientvpn-exporter.webConfigDir" . }}
          readOnly: true
        {{- end }}
        {{- if .Values.persistence.enabled }}
        - name: state
          mountPath: {{ include "clientvpn-exporter.stateDir" . }}
        {{- end }}
  volumes:
    - name: settings
      configMap:
        name: {{ include "clientvpn-exporter.fullname" . }}
    - name: tmp
      emptyDir:
        sizeLimit: 64Mi
    {{- if include "clientvpn-exporter.webConfigured" . }}
    # The web configuration file and the certificate it names, in one folder.
    - name: web-config
      projected:
        sources:
          - secret:
              name: {{ include "clientvpn-exporter.fullname" . }}-web
          {{- if .Values.web.tls.enabled }}
          - secret:
              name: {{ .Values.web.tls.secretName }}
              items:
                - key: tls.crt
                  path: tls.crt
                - key: tls.key
                  path: tls.key
          {{- end }}
    {{- end }}
    {{- /* A StatefulSet gives each shard a claim of its own (volumeClaimTemplates). */}}
    {{- if and .Values.persistence.enabled (not (include "clientvpn-exporter.sharded" .)) }}
    - name: state
      persistentVolumeClaim:
        claimName: {{ .Values.persistence.existingClaim | default (printf "%s-state" (include "clientvpn-exporter.fullname" .)) }}
    {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/* Whether sharding.shards asks for a StatefulSet of shards rather than a Deployment. */}}
{{- define "clientvpn-exporter.sharded" -}}
{{- if gt (int (.Values.sharding.shards | default 0)) 0 }}true{{ end }}
{{- end }}
