{{/* The name of every object: the release name (opstream names releases <app>-redis). */}}
{{- define "redis.fullname" -}}
{{- .Release.Name | trunc 53 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select the Redis pod; never change them (StatefulSet selectors are immutable). */}}
{{- define "redis.selectorLabels" -}}
app.kubernetes.io/name: redis
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
Labels of every object. Helm itself sets app.kubernetes.io/managed-by to "Helm" on every object it
applies (it overrides the chart), so opstream's ownership is shown by opstream.dev/managed-by.
*/}}
{{- define "redis.labels" -}}
{{ include "redis.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/component: cache
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
opstream.dev/managed-by: {{ .Values.opstream.managedBy | quote }}
{{- end -}}

{{/* The password Secret: auth.existingSecret, or <release>-auth (opstream's name for it). */}}
{{- define "redis.secretName" -}}
{{- .Values.auth.existingSecret | default (printf "%s-auth" .Release.Name) -}}
{{- end -}}
