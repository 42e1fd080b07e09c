package dev.opstream.actuator.cronjob;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BackupCronJobSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the backup CronJob of an app from the action's spec and the actuator's configuration.
 * Pure: no client, no clock.
 */
final class BackupCronJobs {

  static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  static final String MANAGED_BY = "opstream";
  static final String APP_ANNOTATION = "opstream.dev/app";
  static final String CONTAINER = "backup";
  static final String PASSWORD_KEY = "password";
  static final String SECRET_SUFFIX = "-auth";

  private BackupCronJobs() {}

  /** The password Secret of the release the CronJob backs up: {@code <release>-auth}. */
  static String passwordSecret(String release) {
    return release + SECRET_SUFFIX;
  }

  /** The labels every object of the backup carries (CronJob, its Jobs and pods). */
  static Map<String, String> labels(BackupCronJobSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "redis-backup");
    labels.put("app.kubernetes.io/instance", spec.name());
    labels.put("app.kubernetes.io/component", "backup");
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    return labels;
  }

  /** The CronJob opstream wants for {@code app}. */
  static CronJob desired(AppKey app, BackupCronJobSpec spec, CronJobActuatorConfig config) {
    BackupCommand command =
        new BackupCommand(spec.release(), app.namespace(), spec.bucket(), spec.retention());
    Map<String, String> labels = labels(spec);
    boolean ownServiceAccount = config.serviceAccountName().isPresent();
    PodSpecBuilder pod =
        new PodSpecBuilder()
            .withRestartPolicy("Never")
            .withAutomountServiceAccountToken(ownServiceAccount)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .withContainers(container(command, config))
            .addNewVolume()
            .withName("tmp")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume();
    config.serviceAccountName().ifPresent(pod::withServiceAccountName);
    return new CronJobBuilder()
        .withNewMetadata()
        .withName(spec.name())
        .withNamespace(app.namespace())
        .withLabels(labels)
        .withAnnotations(Map.of(APP_ANNOTATION, app.toString()))
        .endMetadata()
        .withNewSpec()
        .withSchedule(spec.schedule())
        .withTimeZone(spec.timeZone())
        .withConcurrencyPolicy("Forbid")
        .withSuspend(false)
        .withSuccessfulJobsHistoryLimit(config.successfulJobsHistoryLimit())
        .withFailedJobsHistoryLimit(config.failedJobsHistoryLimit())
        .withStartingDeadlineSeconds(config.startingDeadlineSeconds())
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(config.backoffLimit())
        .withActiveDeadlineSeconds(config.activeDeadlineSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withSpec(pod.build())
        .endTemplate()
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }

  private static Container container(BackupCommand command, CronJobActuatorConfig config) {
    List<EnvFromSource> envFrom =
        config
            .s3CredentialsSecret()
            .map(
                secret ->
                    List.of(
                        new EnvFromSourceBuilder()
                            .withNewSecretRef()
                            .withName(secret)
                            .endSecretRef()
                            .build()))
            .orElse(List.of());
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(config.image())
        .withImagePullPolicy(config.imagePullPolicy())
        .withCommand(command.argv())
        .addNewEnv()
        .withName("REDIS_PASSWORD")
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(passwordSecret(command.release()))
        .withKey(PASSWORD_KEY)
        .endSecretKeyRef()
        .endValueFrom()
        .endEnv()
        .withEnvFrom(envFrom)
        .withNewResources()
        .withRequests(
            Map.of(
                "cpu", new Quantity(config.cpuRequest()),
                "memory", new Quantity(config.memoryRequest())))
        .withLimits(Map.of("memory", new Quantity(config.memoryLimit())))
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }
}
