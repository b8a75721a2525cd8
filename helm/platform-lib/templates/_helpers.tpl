{{/* Name of one component's objects: <release>-<component>. */}}
{{- define "platform-lib.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "platform-lib.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: platform
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
platform.gov.cn/node-level: {{ .root.Values.node.level | lower }}
{{- end -}}

{{- define "platform-lib.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The image of a component: <registry>/<repository>:<tag or appVersion>. */}}
{{- define "platform-lib.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .component.image $tag -}}
{{- end -}}

{{/* Non-root, read-only root filesystem, no privilege escalation, no capabilities. */}}
{{- define "platform-lib.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1654
runAsGroup: 1654
fsGroup: 1654
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "platform-lib.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end -}}

{{/* /alive: the process runs (liveness); /health: its dependencies answer (readiness). */}}
{{- define "platform-lib.probes" -}}
startupProbe:
  httpGet: { path: /alive, port: http }
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet: { path: /alive, port: http }
  periodSeconds: 15
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /health, port: http }
  periodSeconds: 10
  failureThreshold: 3
{{- end -}}

{{- define "platform-lib.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "platform-lib.fullname" . }}
  labels: {{- include "platform-lib.labels" . | nindent 4 }}
{{- /* Off unless the component asks (a Dapr sidecar reads the kubernetes secret store with it). */}}
automountServiceAccountToken: {{ .automountToken | default false }}
{{- end -}}

{{/* ClusterIP service with the component's HTTP and gRPC ports (and any extra ones). */}}
{{- define "platform-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "platform-lib.fullname" . }}
  labels: {{- include "platform-lib.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector: {{- include "platform-lib.selector" . | nindent 4 }}
  ports:
    - { name: http, port: {{ .component.ports.http }}, targetPort: http, protocol: TCP }
    - { name: grpc, port: {{ .component.ports.grpc }}, targetPort: grpc, protocol: TCP, appProtocol: kubernetes.io/h2c }
    {{- range .extraPorts }}
    - { name: {{ .name }}, port: {{ .port }}, targetPort: {{ .name }}, protocol: TCP }
    {{- end }}
{{- end -}}

{{- define "platform-lib.hpa" -}}
{{- if .component.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "platform-lib.fullname" . }}
  labels: {{- include "platform-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "platform-lib.fullname" . }}
  minReplicas: {{ .component.autoscaling.minReplicas }}
  maxReplicas: {{ .component.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: { type: Utilization, averageUtilization: {{ .component.autoscaling.targetCPUUtilizationPercentage }} }
{{- end }}
{{- end -}}

{{- define "platform-lib.pdb" -}}
{{- if gt (int .component.replicas) 1 }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "platform-lib.fullname" . }}
  labels: {{- include "platform-lib.labels" . | nindent 4 }}
spec:
  minAvailable: 1
  selector:
    matchLabels: {{- include "platform-lib.selector" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* Where pods run and which registry credentials they pull with (values: global). Context: root. */}}
{{- define "platform-lib.scheduling" -}}
{{- $g := .root.Values.global | default dict -}}
{{- with $g.imagePullSecrets }}
imagePullSecrets: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $g.nodeSelector }}
nodeSelector: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $g.tolerations }}
tolerations: {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Deployment of one component. Context: root, name, component (values of the component),
env (list of EnvVar), volumes / volumeMounts (lists), extraPorts, args, annotations.
*/}}
{{- define "platform-lib.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "platform-lib.fullname" . }}
  labels: {{- include "platform-lib.labels" . | nindent 4 }}
spec:
  {{- if not .component.autoscaling.enabled }}
  replicas: {{ .component.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }
  selector:
    matchLabels: {{- include "platform-lib.selector" . | nindent 6 }}
  template:
    metadata:
      labels: {{- include "platform-lib.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ .checksum | quote }}
        {{- with .annotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "platform-lib.fullname" . }}
      automountServiceAccountToken: {{ .automountToken | default false }}
      securityContext: {{- include "platform-lib.podSecurityContext" . | nindent 8 }}
      {{- include "platform-lib.scheduling" . | nindent 6 }}
      containers:
        - name: {{ .name }}
          image: {{ include "platform-lib.image" . }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          {{- with .args }}
          args: {{- toYaml . | nindent 12 }}
          {{- end }}
          ports:
            - { name: http, containerPort: {{ .component.ports.http }}, protocol: TCP }
            - { name: grpc, containerPort: {{ .component.ports.grpc }}, protocol: TCP }
            {{- range .extraPorts }}
            - { name: {{ .name }}, containerPort: {{ .port }}, protocol: TCP }
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "platform-lib.fullname" (dict "root" .root "name" "config") }}
          env: {{- toYaml .env | nindent 12 }}
          {{- include "platform-lib.probes" . | nindent 10 }}
          resources: {{- toYaml .component.resources | nindent 12 }}
          securityContext: {{- include "platform-lib.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - { name: tmp, mountPath: /tmp }
            - { name: data, mountPath: /data }
            {{- with .volumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - { name: tmp, emptyDir: {} }
        {{- if .dataClaim }}
        - { name: data, persistentVolumeClaim: { claimName: {{ .dataClaim }} } }
        {{- else }}
        - { name: data, emptyDir: {} }
        {{- end }}
        {{- with .volumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
{{- end -}}


{{/*
The claim of a component's /data, what must outlive a pod (the gateway's audit anchor and
federation key, a service's uploaded files). Kept when the release is uninstalled: deleting it
is the operator's decision. Context: root, name, size.
*/}}
{{- define "platform-lib.dataClaim" -}}
{{- $p := .root.Values.persistence -}}
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ include "platform-lib.fullname" . }}-data
  labels: {{- include "platform-lib.labels" . | nindent 4 }}
  annotations:
    helm.sh/resource-policy: keep
spec:
  accessModes: [{{ $p.accessMode }}]
  {{- with $p.storageClassName }}
  storageClassName: {{ . }}
  {{- end }}
  resources:
    requests: { storage: {{ .size }} }
{{- end -}}
