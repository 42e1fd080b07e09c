package dev.opstream.actuator.cronjob;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The part of a backup CronJob that opstream sets, read the same way from the desired object and
 * from the live one, so that the two compare equal exactly when the live CronJob does what opstream
 * wants. Fields a server defaults and opstream does not set are left out; quantities compare by
 * value ({@code 0.1} equals {@code 100m}); absent and default values read alike (no {@code suspend}
 * is {@code false}).
 */
record BackupCronJobView(
    Map<String, String> labels,
    String appAnnotation,
    String schedule,
    String timeZone,
    String concurrencyPolicy,
    boolean suspend,
    Integer successfulJobsHistoryLimit,
    Integer failedJobsHistoryLimit,
    Long startingDeadlineSeconds,
    Map<String, String> jobLabels,
    Integer backoffLimit,
    Long activeDeadlineSeconds,
    Map<String, String> podLabels,
    String restartPolicy,
    String serviceAccountName,
    Boolean automountServiceAccountToken,
    Boolean runAsNonRoot,
    String seccompProfile,
    List<String> emptyDirVolumes,
    Optional<ContainerView> container) {

  /** The labels opstream sets; other labels (added by people or tools) are not compared. */
  private static final List<String> OWN_LABELS =
      List.of(
          "app.kubernetes.io/name",
          "app.kubernetes.io/instance",
          "app.kubernetes.io/component",
          BackupCronJobs.MANAGED_BY_LABEL);

  static BackupCronJobView of(CronJob cronJob) {
    ObjectMeta meta = cronJob.getMetadata();
    CronJobSpec spec = opt(cronJob.getSpec()).orElseGet(CronJobSpec::new);
    JobTemplateSpec jobTemplate = opt(spec.getJobTemplate()).orElseGet(JobTemplateSpec::new);
    JobSpec job = opt(jobTemplate.getSpec()).orElseGet(JobSpec::new);
    Optional<io.fabric8.kubernetes.api.model.PodTemplateSpec> template = opt(job.getTemplate());
    PodSpec pod = template.map(t -> t.getSpec()).orElseGet(PodSpec::new);
    Optional<PodSecurityContext> security = opt(pod.getSecurityContext());
    return new BackupCronJobView(
        ownLabels(meta),
        opt(meta.getAnnotations()).map(a -> a.get(BackupCronJobs.APP_ANNOTATION)).orElse(null),
        spec.getSchedule(),
        blankToNull(spec.getTimeZone()),
        spec.getConcurrencyPolicy(),
        Boolean.TRUE.equals(spec.getSuspend()),
        spec.getSuccessfulJobsHistoryLimit(),
        spec.getFailedJobsHistoryLimit(),
        spec.getStartingDeadlineSeconds(),
        ownLabels(jobTemplate.getMetadata()),
        job.getBackoffLimit(),
        job.getActiveDeadlineSeconds(),
        ownLabels(template.map(t -> t.getMetadata()).orElse(null)),
        pod.getRestartPolicy(),
        blankToNull(pod.getServiceAccountName()),
        pod.getAutomountServiceAccountToken(),
        security.map(PodSecurityContext::getRunAsNonRoot).orElse(null),
        security.flatMap(s -> opt(s.getSeccompProfile())).map(p -> p.getType()).orElse(null),
        list(pod.getVolumes()).stream()
            .filter(v -> v.getEmptyDir() != null)
            .map(Volume::getName)
            .sorted()
            .toList(),
        list(pod.getContainers()).stream()
            .filter(c -> BackupCronJobs.CONTAINER.equals(c.getName()))
            .findFirst()
            .map(ContainerView::of));
  }

  /**
   * The backup container as opstream sets it.
   *
   * @param env each variable as {@code NAME=value} or {@code NAME<-secret/key}
   */
  record ContainerView(
      String image,
      String imagePullPolicy,
      List<String> command,
      List<String> args,
      List<String> env,
      List<String> envFromSecrets,
      Map<String, BigDecimal> requests,
      Map<String, BigDecimal> limits,
      Boolean allowPrivilegeEscalation,
      Boolean readOnlyRootFilesystem,
      List<String> dropCapabilities,
      List<String> mounts) {

    static ContainerView of(Container c) {
      Optional<SecurityContext> security = opt(c.getSecurityContext());
      Optional<ResourceRequirements> resources = opt(c.getResources());
      return new ContainerView(
          c.getImage(),
          c.getImagePullPolicy(),
          list(c.getCommand()),
          list(c.getArgs()),
          list(c.getEnv()).stream().map(ContainerView::env).sorted().toList(),
          list(c.getEnvFrom()).stream()
              .map(EnvFromSource::getSecretRef)
              .filter(java.util.Objects::nonNull)
              .map(s -> s.getName())
              .sorted()
              .toList(),
          quantities(resources.map(ResourceRequirements::getRequests).orElse(null)),
          quantities(resources.map(ResourceRequirements::getLimits).orElse(null)),
          security.map(SecurityContext::getAllowPrivilegeEscalation).orElse(null),
          security.map(SecurityContext::getReadOnlyRootFilesystem).orElse(null),
          security
              .flatMap(s -> opt(s.getCapabilities()))
              .map(caps -> list(caps.getDrop()).stream().sorted().toList())
              .orElse(List.of()),
          list(c.getVolumeMounts()).stream()
              .map(m -> m.getName() + ":" + m.getMountPath())
              .sorted()
              .toList());
    }

    private static String env(EnvVar e) {
      if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
        return e.getName()
            + "<-"
            + e.getValueFrom().getSecretKeyRef().getName()
            + "/"
            + e.getValueFrom().getSecretKeyRef().getKey();
      }
      return e.getName() + "=" + (e.getValue() == null ? "" : e.getValue());
    }

    private static Map<String, BigDecimal> quantities(Map<String, Quantity> quantities) {
      Map<String, BigDecimal> values = new TreeMap<>();
      if (quantities != null) {
        quantities.forEach(
            (name, q) -> values.put(name, Quantity.getAmountInBytes(q).stripTrailingZeros()));
      }
      return values;
    }
  }

  private static Map<String, String> ownLabels(ObjectMeta meta) {
    Map<String, String> own = new TreeMap<>();
    Map<String, String> labels = meta == null ? null : meta.getLabels();
    if (labels != null) {
      for (String key : OWN_LABELS) {
        if (labels.containsKey(key)) {
          own.put(key, labels.get(key));
        }
      }
    }
    return own;
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <T> Optional<T> opt(T value) {
    return Optional.ofNullable(value);
  }
}
