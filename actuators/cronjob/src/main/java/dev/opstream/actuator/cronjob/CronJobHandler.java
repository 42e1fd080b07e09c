package dev.opstream.actuator.cronjob;

import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.ActuatorException;
import dev.opstream.actuator.runner.ClusterClients;
import dev.opstream.actuator.runner.Effect;
import dev.opstream.actuator.runner.clusters.KubernetesFailures;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BackupCronJobSpec;
import dev.opstream.topics.records.DeleteBackupCronJob;
import dev.opstream.topics.records.EnsureBackupCronJob;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup CronJob actuator ({@link ActionKind#CRONJOB}): per app, the CronJob {@code
 * <name>-redis-backup} in the app's namespace, which runs {@code opstream backup run} against the
 * app's Redis into its bucket (see {@link BackupCommand}).
 *
 * <ul>
 *   <li>{@link EnsureBackupCronJob}: observes the live CronJob first; {@code NOOP} when what
 *       opstream sets is already so, otherwise server-side apply with field manager {@code
 *       opstream} (forcing conflicts): {@code CREATED} or {@code UPDATED}.
 *   <li>{@link DeleteBackupCronJob}: deletes it with its Jobs ({@code DELETED}); {@code NOOP} when
 *       it does not exist.
 *   <li>{@link Observe}: reports it, changing nothing.
 * </ul>
 *
 * A CronJob without the label {@code app.kubernetes.io/managed-by: opstream} is not opstream's: it
 * is never changed or deleted, the action fails permanently.
 *
 * <p>Observed attributes, named like {@link BackupCronJobSpec}'s fields: {@code name}, {@code
 * schedule}, {@code timeZone} (when set), {@code retention}, {@code bucket}, {@code release}, plus
 * {@code image}.
 */
public final class CronJobHandler implements ActionHandler {

  /** The field manager of every server-side apply. */
  public static final String FIELD_MANAGER = "opstream";

  private static final Logger LOG = LoggerFactory.getLogger(CronJobHandler.class);
  private static final String KIND = "CRONJOB";

  private final CronJobActuatorConfig config;
  private final ClusterClients clusters;

  public CronJobHandler(CronJobActuatorConfig config, ClusterClients clusters) {
    this.config = config;
    this.clusters = clusters;
  }

  @Override
  public ActionKind kind() {
    return ActionKind.CRONJOB;
  }

  @Override
  public Effect handle(Action action) {
    try {
      if (action instanceof EnsureBackupCronJob ensure) {
        return ensure(ensure);
      }
      if (action instanceof DeleteBackupCronJob delete) {
        return delete(delete);
      }
      if (action instanceof Observe observe && observe.kind() == ActionKind.CRONJOB) {
        return observe(observe);
      }
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.of(KIND + " " + action.actionType() + " for " + action.app(), e);
    }
    throw ActuatorException.permanent(
        "the cronjob actuator cannot run " + action.actionType() + " (" + action.kind() + ")");
  }

  private Effect ensure(EnsureBackupCronJob action) {
    AppKey app = action.app();
    BackupCronJobSpec spec = action.spec();
    String name = CronJobNames.cronJob(spec.name());
    CronJobNames.release(spec.release());
    KubernetesClient client = clusters.forCluster(app.cluster());

    CronJob desired = BackupCronJobs.desired(app, spec, config);
    Optional<CronJob> live = get(client, app.namespace(), name);
    live.ifPresent(cj -> requireOwned(cj, app.namespace(), "change"));
    if (live.isPresent() && live.get().getMetadata().getDeletionTimestamp() != null) {
      throw new ActuatorException(
          ActuatorException.Reason.RETRYABLE,
          "CronJob " + app.namespace() + "/" + name + " is being deleted; retry once it is gone");
    }
    if (live.isPresent()
        && BackupCronJobView.of(live.get()).equals(BackupCronJobView.of(desired))) {
      LOG.debug("{} {}: CronJob {} is up to date", app, KIND, name);
      return new Effect(Outcome.NOOP, observed(live));
    }

    CronJob applied =
        client
            .batch()
            .v1()
            .cronjobs()
            .inNamespace(app.namespace())
            .resource(desired)
            .fieldManager(FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
    Outcome outcome = live.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
    LOG.info(
        "{} {}: CronJob {} {} (schedule '{}'{}, keep {}, bucket {})",
        app,
        KIND,
        name,
        outcome == Outcome.CREATED ? "created" : "updated",
        spec.schedule(),
        spec.timeZone() == null ? "" : " " + spec.timeZone(),
        spec.retention(),
        spec.bucket());
    return new Effect(outcome, observed(Optional.of(applied)));
  }

  private Effect delete(DeleteBackupCronJob action) {
    AppKey app = action.app();
    String name = CronJobNames.cronJob(action.cronJob());
    KubernetesClient client = clusters.forCluster(app.cluster());

    Optional<CronJob> live = get(client, app.namespace(), name);
    if (live.isEmpty()) {
      LOG.debug("{} {}: CronJob {} is already gone", app, KIND, name);
      return new Effect(Outcome.NOOP, ResourceState.absent());
    }
    requireOwned(live.get(), app.namespace(), "delete");
    client
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(app.namespace())
        .withName(name)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();
    LOG.info("{} {}: CronJob {} deleted", app, KIND, name);
    return new Effect(Outcome.DELETED, ResourceState.absent());
  }

  private Effect observe(Observe action) {
    AppKey app = action.app();
    String name = CronJobNames.cronJob(action.name());
    KubernetesClient client = clusters.forCluster(app.cluster());
    return new Effect(Outcome.NOOP, observed(get(client, app.namespace(), name)));
  }

  private static Optional<CronJob> get(KubernetesClient client, String namespace, String name) {
    return Optional.ofNullable(
        client.batch().v1().cronjobs().inNamespace(namespace).withName(name).get());
  }

  private static boolean owned(CronJob cronJob) {
    Map<String, String> labels = cronJob.getMetadata().getLabels();
    return labels != null
        && BackupCronJobs.MANAGED_BY.equals(labels.get(BackupCronJobs.MANAGED_BY_LABEL));
  }

  private static void requireOwned(CronJob cronJob, String namespace, String verb) {
    if (!owned(cronJob)) {
      throw ActuatorException.permanent(
          "CronJob "
              + namespace
              + "/"
              + cronJob.getMetadata().getName()
              + " exists and is not managed by opstream (no label "
              + BackupCronJobs.MANAGED_BY_LABEL
              + "="
              + BackupCronJobs.MANAGED_BY
              + "): opstream will not "
              + verb
              + " it; remove or rename it");
    }
  }

  /** What the live CronJob says, in the spec's terms. */
  static ResourceState observed(Optional<CronJob> live) {
    if (live.isEmpty()) {
      return ResourceState.absent();
    }
    CronJob cronJob = live.get();
    Map<String, String> attributes = new TreeMap<>();
    attributes.put("name", cronJob.getMetadata().getName());
    if (cronJob.getSpec() != null) {
      Optional.ofNullable(cronJob.getSpec().getSchedule())
          .ifPresent(s -> attributes.put("schedule", s));
      Optional.ofNullable(cronJob.getSpec().getTimeZone())
          .filter(z -> !z.isEmpty())
          .ifPresent(z -> attributes.put("timeZone", z));
    }
    BackupCronJobView.of(cronJob)
        .container()
        .ifPresent(
            container -> {
              attributes.put("image", container.image());
              BackupCommand.parse(container.command(), cronJob.getMetadata().getNamespace())
                  .ifPresent(
                      command -> {
                        attributes.put("retention", Integer.toString(command.retention()));
                        attributes.put("bucket", command.bucket());
                        attributes.put("release", command.release());
                      });
            });
    return new ResourceState(true, owned(cronJob), attributes);
  }
}
