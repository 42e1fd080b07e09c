package dev.opstream.e2e.world;

import dev.opstream.topics.records.AppKey;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exact-world check: reads every Deployment of every cluster, computes the world their
 * annotations ask for ({@link ExpectedWorld}), reads the world as it is ({@link ActualWorld}) and
 * names every difference ({@link WorldDiff}).
 */
public final class WorldCheck {

  private static final Logger LOG = LoggerFactory.getLogger(WorldCheck.class);
  private static final Duration POLL = Duration.ofSeconds(2);
  private static final int SHOWN_DIFFERENCES = 40;

  private final ExpectedWorld.Settings settings;
  private final Map<String, KubernetesClient> clusters;
  private final ActualWorld actual;
  private final Map<AppKey, Map<String, String>> lastGood = new ConcurrentHashMap<>();

  public WorldCheck(
      ExpectedWorld.Settings settings, Map<String, KubernetesClient> clusters, ActualWorld actual) {
    this.settings = settings;
    this.clusters = Map.copyOf(clusters);
    this.actual = actual;
  }

  /**
   * Tells the check what an app's annotations were when last valid, before the caller writes
   * invalid ones: the planner must then keep that state.
   */
  public void rememberLastGood(AppKey app, Map<String, String> annotations) {
    lastGood.put(app, Map.copyOf(annotations));
  }

  /** Every Deployment of every cluster, as the check sees them. */
  public List<AppDeployment> deployments() {
    List<AppDeployment> deployments = new ArrayList<>();
    clusters.forEach(
        (cluster, client) -> {
          for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
            deployments.add(
                new AppDeployment(
                    new AppKey(cluster, d.getMetadata().getNamespace(), d.getMetadata().getName()),
                    d.getMetadata().getAnnotations()));
          }
        });
    return deployments;
  }

  /** The world the annotations ask for now. */
  public World expected() {
    return ExpectedWorld.of(settings, deployments(), lastGood);
  }

  /** The differences now; empty when the world is exactly as asked. */
  public List<String> differences() {
    World expected = expected();
    return WorldDiff.between(expected, actual.read());
  }

  /**
   * Waits until the world is exactly as the annotations ask, checking every 2 s.
   *
   * @return the world as it then is
   * @throws AssertionError naming the remaining differences if {@code timeout} passes first
   */
  public World awaitExact(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<String> differences = List.of();
    while (true) {
      World expected = expected();
      World now = actual.read();
      differences = WorldDiff.between(expected, now);
      if (differences.isEmpty()) {
        LOG.info(
            "The world is exactly as the annotations ask: {} resources", now.resources().size());
        return now;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "after "
                + timeout
                + " the world still differs from what the annotations ask in "
                + differences.size()
                + " ways; the first ones:\n  "
                + String.join(
                    "\n  ",
                    differences.subList(0, Math.min(SHOWN_DIFFERENCES, differences.size()))));
      }
      LOG.debug("{} differences left, e.g. {}", differences.size(), differences.get(0));
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the world", e);
      }
    }
  }
}
