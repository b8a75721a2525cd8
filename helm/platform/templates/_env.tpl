{{/* Non-secret settings every process of the node reads (the ConfigMap, and the migration Job inline). */}}
{{- define "platform.config" -}}
ASPNETCORE_ENVIRONMENT: Production
Node__Id: {{ .Values.node.id | quote }}
Node__Name: {{ .Values.node.name | quote }}
Node__Level: {{ .Values.node.level | quote }}
Node__RegionCode: {{ .Values.node.regionCode | quote }}
Auth__Issuer: {{ .Values.auth.issuer | quote }}
Auth__Audience: {{ .Values.auth.audience | quote }}
{{- if .Values.auth.authority }}
Auth__Authority: {{ .Values.auth.authority | quote }}
{{- end }}
{{- with .Values.auth.externalIssuer }}
{{- if .authority }}
Auth__ExternalIssuer__Authority: {{ .authority | quote }}
{{- if .issuer }}
Auth__ExternalIssuer__Issuer: {{ .issuer | quote }}
{{- end }}
Auth__ExternalIssuer__Audience: {{ .audience | quote }}
{{- if .clientId }}
Auth__ExternalIssuer__ClientId: {{ .clientId | quote }}
{{- end }}
{{- if .displayName }}
Auth__ExternalIssuer__DisplayName: {{ .displayName | quote }}
{{- end }}
Auth__ExternalIssuer__SubjectClaim: {{ .subjectClaim | default "sub" | quote }}
Auth__ExternalIssuer__NameClaim: {{ .nameClaim | default "name" | quote }}
Auth__ExternalIssuer__UnitClaim: {{ .unitClaim | default "org_code" | quote }}
Auth__ExternalIssuer__RoleClaim: {{ .roleClaim | default "roles" | quote }}
{{- range $i, $scope := .scopes }}
Auth__ExternalIssuer__Scopes__{{ $i }}: {{ $scope | quote }}
{{- end }}
{{- range $i, $row := .units }}
Auth__ExternalIssuer__Units__{{ $i }}__Code: {{ $row.code | quote }}
Auth__ExternalIssuer__Units__{{ $i }}__Unit: {{ $row.unit | quote }}
{{- end }}
{{- range $i, $row := .roles }}
Auth__ExternalIssuer__Roles__{{ $i }}__Name: {{ $row.name | quote }}
Auth__ExternalIssuer__Roles__{{ $i }}__Role: {{ $row.role | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.auth.signingKeySecret.name }}
Auth__SigningKeyFile: /etc/platform/keys/token/{{ .Values.auth.signingKeySecret.key }}
{{- end }}
Database__Provider: Postgres
Database__DataDirectory: /data
Database__MigrateOnStartup: {{ not .Values.migrations.enabled | quote }}
Files__Directory: /data/files
Messaging__Transport: RabbitMq
Dapr__Enabled: {{ .Values.dapr.enabled | quote }}
{{- if .Values.dapr.enabled }}
Dapr__SmsBinding: {{ .Values.dapr.sms.bindingName | quote }}
{{- if .Values.dapr.email.host }}
Dapr__EmailBinding: {{ .Values.dapr.email.bindingName | quote }}
{{- end }}
{{- with .Values.dapr.secretStore.secrets }}
Dapr__SecretStore: {{ $.Values.dapr.secretStore.name | quote }}
{{- range $i, $secret := . }}
Dapr__Secrets__{{ $i }}: {{ $secret | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.otel.endpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ .Values.otel.endpoint | quote }}
{{- end }}
{{- end -}}

{{/* A PostgreSQL database of the node by its name; credentials expanded from the Secret. Context: root, database. */}}
{{- define "platform.databaseConnectionString" -}}
{{- $pg := .root.Values.postgres -}}
Host={{ $pg.host }};Port={{ $pg.port }};Database={{ .database }};Username=$(PG_USERNAME);Password=$(PG_PASSWORD);SSL Mode={{ $pg.sslMode }}
{{- end -}}

{{/* The database of a service: its name in PostgreSQL. */}}
{{- define "platform.connectionString" -}}
{{- include "platform.databaseConnectionString" (dict "root" .root "database" (index .root.Values.postgres.databases .service)) -}}
{{- end -}}

{{/*
Secret-backed environment of a process: the credentials come from the existing Secrets and are
put into the connection strings by Kubernetes' $(VAR) expansion, so no value holds a password.
Context: root, services (the services whose connection strings the process needs).
*/}}
{{- define "platform.secretEnv" -}}
{{- $v := .root.Values -}}
- name: PG_USERNAME
  valueFrom: { secretKeyRef: { name: {{ $v.postgres.existingSecret.name }}, key: {{ $v.postgres.existingSecret.usernameKey }} } }
- name: PG_PASSWORD
  valueFrom: { secretKeyRef: { name: {{ $v.postgres.existingSecret.name }}, key: {{ $v.postgres.existingSecret.passwordKey }} } }
{{- range .services }}
- name: ConnectionStrings__{{ . }}db
  value: {{ include "platform.connectionString" (dict "root" $.root "service" .) | quote }}
{{- end }}
- name: RABBITMQ_USERNAME
  valueFrom: { secretKeyRef: { name: {{ $v.rabbitmq.existingSecret.name }}, key: {{ $v.rabbitmq.existingSecret.usernameKey }} } }
- name: RABBITMQ_PASSWORD
  valueFrom: { secretKeyRef: { name: {{ $v.rabbitmq.existingSecret.name }}, key: {{ $v.rabbitmq.existingSecret.passwordKey }} } }
- name: ConnectionStrings__eventbus
  value: {{ printf "amqp://$(RABBITMQ_USERNAME):$(RABBITMQ_PASSWORD)@%s:%v%s" $v.rabbitmq.host $v.rabbitmq.port $v.rabbitmq.vhost | quote }}
{{- if $v.redis.existingSecret.name }}
- name: REDIS_PASSWORD
  valueFrom: { secretKeyRef: { name: {{ $v.redis.existingSecret.name }}, key: {{ $v.redis.existingSecret.passwordKey }} } }
- name: ConnectionStrings__redis
  value: {{ printf "%s:%v,password=$(REDIS_PASSWORD),ssl=%v" $v.redis.host $v.redis.port $v.redis.ssl | quote }}
{{- else }}
- name: ConnectionStrings__redis
  value: {{ printf "%s:%v,ssl=%v" $v.redis.host $v.redis.port $v.redis.ssl | quote }}
{{- end }}
{{- if $v.audit.entryKeySecret.name }}
- name: Audit__EntryKey
  valueFrom: { secretKeyRef: { name: {{ $v.audit.entryKeySecret.name }}, key: {{ $v.audit.entryKeySecret.key }} } }
{{- end }}
{{- end -}}

{{- define "platform.tokenKeyVolume" -}}
{{- if .Values.auth.signingKeySecret.name }}
- name: token-key
  secret: { secretName: {{ .Values.auth.signingKeySecret.name }}, defaultMode: 0400 }
{{- end }}
{{- end -}}

{{- define "platform.tokenKeyMount" -}}
{{- if .Values.auth.signingKeySecret.name }}
- { name: token-key, mountPath: /etc/platform/keys/token, readOnly: true }
{{- end }}
{{- end -}}

{{- define "platform.daprAnnotations" -}}
{{- if .root.Values.dapr.enabled }}
dapr.io/enabled: "true"
dapr.io/app-id: {{ printf "%s-%s" .root.Release.Name .name | quote }}
dapr.io/app-port: {{ .port | quote }}
dapr.io/enable-metrics: "true"
{{- end }}
{{- end -}}

{{/*
The gateway's environment, volumes and listener ports: its Deployment and its migration Job
(which must open the same stores: federationdb, consoledb) share them. Context: the root.
*/}}
{{- define "platform.gatewayPod" -}}
{{- $env := include "platform.secretEnv" (dict "root" $ "services" (keys .Values.services | sortAlpha)) | fromYamlArray }}
{{- range $name, $svc := .Values.services }}
{{- $env = append $env (dict "name" (printf "ReverseProxy__Clusters__%s-http__Destinations__primary__Address" $name) "value" (printf "http://%s-%s:%v" $.Release.Name $name $svc.ports.http)) }}
{{- $env = append $env (dict "name" (printf "ReverseProxy__Clusters__%s-grpc__Destinations__primary__Address" $name) "value" (printf "http://%s-%s:%v" $.Release.Name $name $svc.ports.grpc)) }}
{{- end }}
{{- $volumes := include "platform.tokenKeyVolume" $ | fromYamlArray }}
{{- $mounts := include "platform.tokenKeyMount" $ | fromYamlArray }}
{{- $env = append $env (dict "name" "Audit__CheckpointKeyFile" "value" (printf "/etc/platform/keys/audit/%s" .Values.audit.checkpointKeySecret.key)) }}
{{- $env = append $env (dict "name" "Audit__AnchorFile" "value" "/data/audit-anchor.json") }}
{{- $volumes = append $volumes (dict "name" "audit-key" "secret" (dict "secretName" .Values.audit.checkpointKeySecret.name "defaultMode" 256)) }}
{{- $mounts = append $mounts (dict "name" "audit-key" "mountPath" "/etc/platform/keys/audit" "readOnly" true) }}
{{- $extraPorts := list }}
{{- if .Values.federation.enabled }}
{{- $f := .Values.federation }}
{{- $extraPorts = append $extraPorts (dict "name" "federation" "port" $f.port) }}
{{- /* The mutual-TLS listener of platform.federation.v1 (ADR 0013): the gateway presents the node's
federation certificate, from the node's key file, and admits callers by the certificate pinned on
their link; the federation store is its own database. */}}
{{- $env = append $env (dict "name" "Federation__ListenUrl" "value" (printf "https://*:%v" $f.port)) }}
{{- $env = append $env (dict "name" "Federation__PublicAddress" "value" $f.publicAddress) }}
{{- $env = append $env (dict "name" "ConnectionStrings__federationdb" "value" (include "platform.databaseConnectionString" (dict "root" $ "database" $f.database))) }}
{{- if $f.keySecret.name }}
{{- $env = append $env (dict "name" "Federation__KeyFile" "value" (printf "/etc/platform/federation/%s" $f.keySecret.key)) }}
{{- $volumes = append $volumes (dict "name" "federation-key" "secret" (dict "secretName" $f.keySecret.name "defaultMode" 256)) }}
{{- $mounts = append $mounts (dict "name" "federation-key" "mountPath" "/etc/platform/federation" "readOnly" true) }}
{{- end }}
{{- end }}
{{- if .Values.console.enabled }}
{{- $c := .Values.console }}
{{- /* The office console (ADR 0017) on the gateway: its account store is its own database; the
first-run operator account's password from a Secret (unset: generated and written once to the log). */}}
{{- $env = append $env (dict "name" "Console__Enabled" "value" "true") }}
{{- $env = append $env (dict "name" "ConnectionStrings__consoledb" "value" (include "platform.databaseConnectionString" (dict "root" $ "database" $c.database))) }}
{{- if and (hasKey $c "localAccounts") (not $c.localAccounts) }}
{{- $env = append $env (dict "name" "Console__LocalAccounts" "value" "false") }}
{{- end }}
{{- with ((.Values.auth.externalIssuer | default dict).clientSecretSecret | default dict) }}
{{- if .name }}
{{- $env = append $env (dict "name" "Auth__ExternalIssuer__ClientSecret" "valueFrom" (dict "secretKeyRef" (dict "name" .name "key" .key))) }}
{{- end }}
{{- end }}
{{- if $c.initialOperatorPasswordSecret.name }}
{{- $env = append $env (dict "name" "Console__InitialOperatorPassword" "valueFrom" (dict "secretKeyRef" (dict "name" $c.initialOperatorPasswordSecret.name "key" $c.initialOperatorPasswordSecret.key))) }}
{{- end }}
{{- if ($c.issuerKeySecret | default dict).name }}
{{- /* One issuer key for every replica (ADR 0021), from a Secret: never created by a replica. */}}
{{- $env = append $env (dict "name" "Console__IssuerKeyFile" "value" (printf "/etc/platform/console/%s" $c.issuerKeySecret.key)) }}
{{- $env = append $env (dict "name" "Console__CreateIssuerKeyFileIfMissing" "value" "false") }}
{{- $volumes = append $volumes (dict "name" "console-issuer-key" "secret" (dict "secretName" $c.issuerKeySecret.name "defaultMode" 256)) }}
{{- $mounts = append $mounts (dict "name" "console-issuer-key" "mountPath" "/etc/platform/console" "readOnly" true) }}
{{- end }}
{{- else }}
{{- $env = append $env (dict "name" "Console__Enabled" "value" "false") }}
{{- end }}
{{- $env = concat $env (.Values.gateway.extraEnv | default list) }}
{{- toYaml (dict "env" $env "volumes" $volumes "volumeMounts" $mounts "extraPorts" $extraPorts) }}
{{- end -}}
