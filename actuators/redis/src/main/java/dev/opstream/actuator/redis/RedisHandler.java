package dev.opstream.actuator.redis;

import com.marcnuri.helm.Release;
import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.ActuatorException;
import dev.opstream.actuator.runner.ClusterClients;
import dev.opstream.actuator.runner.Effect;
import dev.opstream.actuator.runner.clusters.KubernetesFailures;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeleteRedis;
import dev.opstream.topics.records.EnsureRedis;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.RedisSpec;
import dev.opstream.topics.records.ResourceState;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis actuator ({@link ActionKind#REDIS}): per app, a password Secret created once and a Helm
 * release of the configured chart in the app's namespace.
 *
 * <ul>
 *   <li>{@link EnsureRedis}: creates the Secret if absent, then {@code helm upgrade --install};
 *       {@code NOOP} when the release is deployed with the same chart version and values digest and
 *       its StatefulSet and Service exist, {@code UPDATED} when it had to be upgraded (changed
 *       values, a re-created Secret, objects deleted behind opstream's back, a failed revision),
 *       {@code CREATED} when it was installed. A release stuck in {@code pending-install} is
 *       uninstalled and installed again, one stuck in {@code pending-upgrade}/{@code
 *       pending-rollback} is marked failed and upgraded, once older than the grace period.
 *   <li>{@link DeleteRedis}: uninstalls the release and deletes the Secret ({@code DELETED}), or
 *       {@code NOOP} when neither exists.
 *   <li>{@link Observe}: reports the release and its Secret, changing nothing.
 * </ul>
 *
 * A release or Secret that exists and is not opstream's (the release's values lack {@code
 * opstream.managedBy: opstream}, the Secret lacks {@code app.kubernetes.io/managed-by: opstream})
 * is never changed or deleted: the action fails permanently.
 *
 * <p>Observed attributes: {@code release}, {@code secretName}, {@code memory}, {@code
 * chartVersion}, {@code valuesDigest}, {@code revision}, {@code status}, {@code workload} ({@code
 * present}/{@code missing}: the StatefulSet and Service) and {@code passwordSecret} ({@code
 * present}/{@code absent}).
 */
public final class RedisHandler implements ActionHandler, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisHandler.class);
  private static final String KIND = "REDIS";

  private final RedisActuatorConfig config;
  private final ClusterClients clusters;
  private final ClusterKubeconfigs kubeconfigs;
  private final HelmOperations helm;
  private final HelmCalls calls;
  private final ReleaseStorage storage;
  private final PasswordSecrets secrets;
  private final Clock clock;

  /**
   * A handler acting through {@code clusters} (Secrets, Helm's release records) and {@code
   * kubeconfigs} (Helm), for example both from one {@code KubeconfigClusterClients}.
   */
  public RedisHandler(
      RedisActuatorConfig config, ClusterClients clusters, ClusterKubeconfigs kubeconfigs) {
    this(config, clusters, kubeconfigs, Clock.systemUTC());
  }

  RedisHandler(
      RedisActuatorConfig config,
      ClusterClients clusters,
      ClusterKubeconfigs kubeconfigs,
      Clock clock) {
    this.config = config;
    this.clusters = clusters;
    this.kubeconfigs = kubeconfigs;
    this.clock = clock;
    this.calls = new HelmCalls(config.helmTimeout(), JvmSignalHandlers.processWide());
    this.helm = new HelmOperations(config.chart(), calls);
    this.storage = new ReleaseStorage(clock);
    this.secrets = new PasswordSecrets(new SecureRandom());
  }

  /**
   * Renders the chart once (no cluster involved): fails fast on a broken chart, and lets Helm take
   * the signal handlers, and this class give them back, before any action is in flight. Call it at
   * start, before consuming actions.
   *
   * @throws IllegalStateException when the chart does not render
   */
  public void warmUp() {
    AppKey sample = AppKey.parse("warm-up/default/app");
    ReleaseValues values =
        ReleaseValues.desired(
            sample,
            new RedisSpec("app-redis", "256Mi", "app-redis-auth"),
            config,
            "",
            ReleaseValues.Persistence.configured(config));
    try {
      long started = System.nanoTime();
      helm.template("default", "app-redis", values);
      LOG.info(
          "Redis chart {} renders ({} ms)",
          config.chart().describe(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (Exception e) {
      throw new IllegalStateException(
          "the Redis chart " + config.chart().describe() + " does not render: " + e.getMessage(),
          e);
    }
  }

  @Override
  public ActionKind kind() {
    return ActionKind.REDIS;
  }

  @Override
  public Effect handle(Action action) {
    try {
      if (action instanceof EnsureRedis ensure) {
        return ensure(ensure);
      }
      if (action instanceof DeleteRedis delete) {
        return delete(delete);
      }
      if (action instanceof Observe observe && observe.kind() == ActionKind.REDIS) {
        return observe(observe);
      }
    } catch (KubernetesClientException e) {
      throw KubernetesFailures.of(KIND + " " + action.actionType() + " for " + action.app(), e);
    } catch (IllegalStateException e) {
      // an unreadable Helm release record: it will not become readable by retrying
      throw new ActuatorException(ActuatorException.Reason.PERMANENT, e.getMessage(), e);
    }
    throw ActuatorException.permanent(
        "the redis actuator cannot run " + action.actionType() + " (" + action.kind() + ")");
  }

  @Override
  public void close() {
    calls.close();
  }

  private Effect ensure(EnsureRedis action) {
    AppKey app = action.app();
    RedisSpec spec = action.spec();
    String release = RedisNames.release(spec.release());
    String secretName = RedisNames.secret(spec.secretName());
    String namespace = app.namespace();
    KubernetesClient client = clusters.forCluster(app.cluster());

    Optional<Secret> secret = secrets.get(client, namespace, secretName);
    Optional<StoredRelease> stored = current(client, namespace, release);
    secret.ifPresent(s -> requireOwnedSecret(s, namespace, "change"));
    stored.ifPresent(r -> requireOwnedRelease(r, namespace, release, "change"));
    if (stored.isPresent() && stored.get().pending()) {
      stored = recoverPending(client, app, release, stored.get());
    }

    Secret password = secret.orElseGet(() -> createSecret(client, app, secretName, release));
    ReleaseValues.Persistence persistence =
        stored
            .flatMap(r -> ReleaseValues.Persistence.of(r.values()))
            .orElseGet(() -> ReleaseValues.Persistence.configured(config));
    ReleaseValues values =
        ReleaseValues.desired(app, spec, config, password.getMetadata().getUid(), persistence);

    if (stored.isPresent()
        && upToDate(stored.get(), values)
        && workloadPresent(client, namespace, release)) {
      LOG.debug(
          "{} {}: release {} is up to date (revision {})",
          app,
          KIND,
          release,
          stored.get().revision());
      return new Effect(Outcome.NOOP, observed(client, namespace, release, secretName));
    }

    Outcome outcome = stored.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
    long started = System.nanoTime();
    Release result;
    try {
      result =
          helm.upgradeInstall(
              app.cluster(), kubeconfigs.kubeconfigFor(app.cluster()), namespace, release, values);
    } catch (Exception e) {
      throw HelmFailures.of("upgrade --install", namespace + "/" + release, e);
    }
    LOG.info(
        "{} {}: release {} {} (revision {}, chart {}, memory {}) in {} ms",
        app,
        KIND,
        release,
        outcome == Outcome.CREATED ? "installed" : "upgraded",
        result.getRevision(),
        config.chart().version(),
        spec.memory(),
        (System.nanoTime() - started) / 1_000_000);
    return new Effect(outcome, observed(client, namespace, release, secretName));
  }

  private Effect delete(DeleteRedis action) {
    AppKey app = action.app();
    String release = RedisNames.release(action.release());
    String secretName = RedisNames.secret(action.secretName());
    String namespace = app.namespace();
    KubernetesClient client = clusters.forCluster(app.cluster());

    Optional<Secret> secret = secrets.get(client, namespace, secretName);
    Optional<StoredRelease> stored = current(client, namespace, release);
    secret.ifPresent(s -> requireOwnedSecret(s, namespace, "delete"));
    stored.ifPresent(r -> requireOwnedRelease(r, namespace, release, "delete"));
    if (secret.isEmpty() && stored.isEmpty()) {
      LOG.debug("{} {}: release {} and Secret {} are already gone", app, KIND, release, secretName);
      return new Effect(Outcome.NOOP, ResourceState.absent());
    }
    if (stored.isPresent()) {
      if (stored.get().pending()) {
        requireNotInProgress(app, release, stored.get());
      }
      try {
        helm.uninstall(app.cluster(), kubeconfigs.kubeconfigFor(app.cluster()), namespace, release);
      } catch (Exception e) {
        throw HelmFailures.of("uninstall", namespace + "/" + release, e);
      }
      LOG.info("{} {}: release {} uninstalled", app, KIND, release);
    }
    if (secret.isPresent()) {
      secrets.delete(client, namespace, secretName);
      LOG.info("{} {}: password Secret {} deleted", app, KIND, secretName);
    }
    return new Effect(Outcome.DELETED, observed(client, namespace, release, secretName));
  }

  private Effect observe(Observe action) {
    AppKey app = action.app();
    String release = RedisNames.release(action.name());
    KubernetesClient client = clusters.forCluster(app.cluster());
    ResourceState state = observed(client, app.namespace(), release, RedisNames.secretOf(release));
    LOG.debug("{} {}: observed release {}: {}", app, KIND, release, state);
    return new Effect(Outcome.NOOP, state);
  }

  /** The newest revision, unless the release is gone (never installed, or uninstalled). */
  private Optional<StoredRelease> current(
      KubernetesClient client, String namespace, String release) {
    return storage.latest(client, namespace, release).filter(r -> !r.uninstalled());
  }

  private boolean upToDate(StoredRelease stored, ReleaseValues values) {
    return StoredRelease.DEPLOYED.equals(stored.status())
        && config.chart().version().equals(stored.chartVersion())
        && stored.valuesDigest().filter(values.digest()::equals).isPresent();
  }

  private boolean workloadPresent(KubernetesClient client, String namespace, String release) {
    return client.apps().statefulSets().inNamespace(namespace).withName(release).get() != null
        && client.services().inNamespace(namespace).withName(release).get() != null;
  }

  /**
   * Recovers a release left {@code pending-*}: returns the release to upgrade (marked failed), or
   * empty when it was uninstalled (a {@code pending-install}) and must be installed again.
   */
  private Optional<StoredRelease> recoverPending(
      KubernetesClient client, AppKey app, String release, StoredRelease stuck) {
    requireNotInProgress(app, release, stuck);
    String namespace = app.namespace();
    String why =
        "opstream: recovered from "
            + stuck.status()
            + " left by an interrupted Helm operation (last written "
            + stuck.modifiedAt()
            + ")";
    if (StoredRelease.PENDING_INSTALL.equals(stuck.status())) {
      LOG.warn(
          "{} {}: release {} revision {} is stuck in {}: uninstalling it to install it again",
          app,
          KIND,
          release,
          stuck.revision(),
          stuck.status());
      try {
        helm.uninstall(app.cluster(), kubeconfigs.kubeconfigFor(app.cluster()), namespace, release);
      } catch (Exception e) {
        throw HelmFailures.of("uninstall (recovering " + stuck.status() + ")", release, e);
      }
      return current(client, namespace, release);
    }
    LOG.warn(
        "{} {}: release {} revision {} is stuck in {}: marking it failed to upgrade again",
        app,
        KIND,
        release,
        stuck.revision(),
        stuck.status());
    storage.markFailed(client, namespace, stuck, why);
    return current(client, namespace, release);
  }

  private void requireNotInProgress(AppKey app, String release, StoredRelease stuck) {
    if (helm.running(app.cluster(), app.namespace(), release)) {
      throw new ActuatorException(
          ActuatorException.Reason.RETRYABLE,
          "release "
              + release
              + " is "
              + stuck.status()
              + ": a Helm operation this actuator started on it is still running");
    }
    Duration age = Duration.between(stuck.modifiedAt(), clock.instant());
    if (age.compareTo(config.pendingGracePeriod()) < 0) {
      throw new ActuatorException(
          ActuatorException.Reason.RETRYABLE,
          "release "
              + release
              + " is "
              + stuck.status()
              + " since "
              + stuck.modifiedAt()
              + " ("
              + age.toSeconds()
              + " s ago): another Helm operation may still be running on it; it is recovered"
              + " once it is older than "
              + config.pendingGracePeriod().toSeconds()
              + " s");
    }
  }

  private Secret createSecret(
      KubernetesClient client, AppKey app, String secretName, String release) {
    try {
      Secret created = secrets.create(client, app, secretName, release);
      LOG.info("{} {}: password Secret {} created", app, KIND, secretName);
      return created;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        // created meanwhile (another attempt of this action): use it if it is ours
        Secret existing =
            secrets
                .get(client, app.namespace(), secretName)
                .orElseThrow(() -> KubernetesFailures.of("create Secret " + secretName, e));
        requireOwnedSecret(existing, app.namespace(), "change");
        return existing;
      }
      throw e;
    }
  }

  private static void requireOwnedSecret(Secret secret, String namespace, String verb) {
    if (!PasswordSecrets.managed(secret)) {
      throw ActuatorException.permanent(
          "Secret "
              + namespace
              + "/"
              + secret.getMetadata().getName()
              + " exists and is not managed by opstream (no label "
              + PasswordSecrets.MANAGED_BY_LABEL
              + "="
              + PasswordSecrets.MANAGED_BY
              + "): opstream will not "
              + verb
              + " it; remove or rename it, or label it if it is opstream's");
    }
  }

  private static void requireOwnedRelease(
      StoredRelease stored, String namespace, String release, String verb) {
    if (!stored.managedByOpstream()) {
      throw ActuatorException.permanent(
          "Helm release "
              + namespace
              + "/"
              + release
              + " (chart "
              + stored.chartName()
              + "-"
              + stored.chartVersion()
              + ") exists and was not installed by opstream: opstream will not "
              + verb
              + " it; uninstall or rename it");
    }
  }

  private ResourceState observed(
      KubernetesClient client, String namespace, String release, String secretName) {
    Optional<Secret> secret = secrets.get(client, namespace, secretName);
    Optional<StoredRelease> stored = current(client, namespace, release);
    Map<String, String> attributes = new TreeMap<>();
    attributes.put("release", release);
    attributes.put("secretName", secretName);
    attributes.put("passwordSecret", secret.isPresent() ? "present" : "absent");
    if (stored.isEmpty()) {
      if (secret.isEmpty()) {
        return ResourceState.absent();
      }
      return new ResourceState(false, PasswordSecrets.managed(secret.get()), attributes);
    }
    StoredRelease r = stored.get();
    r.memory().ifPresent(m -> attributes.put("memory", m));
    r.valuesDigest().ifPresent(d -> attributes.put("valuesDigest", d));
    attributes.put("chartVersion", r.chartVersion());
    attributes.put("revision", Integer.toString(r.revision()));
    attributes.put("status", r.status());
    attributes.put("workload", workloadPresent(client, namespace, release) ? "present" : "missing");
    return new ResourceState(true, r.managedByOpstream(), attributes);
  }
}
