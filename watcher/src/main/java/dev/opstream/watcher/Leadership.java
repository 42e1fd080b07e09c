package dev.opstream.watcher;

import dev.opstream.watcher.config.LeaderElection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election for one cluster among the watcher's replicas, with a {@code
 * coordination.k8s.io/v1} Lease in that cluster (fabric8's {@code LeaderElector}). The leader
 * publishes; the others follow the cluster and wait. A replica that loses the Lease stops
 * publishing and stands for election again; on close, the leader releases the Lease so another
 * replica takes over at once.
 */
final class Leadership implements AutoCloseable {

  /** What happens when this replica starts or stops leading. */
  interface Listener {
    void startedLeading();

    void stoppedLeading();
  }

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  private final String cluster;
  private final KubernetesClient client;
  private final LeaderElection settings;
  private final Listener listener;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile boolean closed;
  private volatile CompletableFuture<?> election;

  Leadership(String cluster, KubernetesClient client, LeaderElection settings, Listener listener) {
    this.cluster = cluster;
    this.client = client;
    this.settings = settings;
    this.listener = listener;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "opstream-watcher-leader-" + cluster);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Stands for election; without leader election, leads at once. */
  void start() {
    if (!settings.enabled()) {
      becomeLeader();
      return;
    }
    executor.execute(this::stand);
  }

  boolean leading() {
    return leading.get();
  }

  private void stand() {
    if (closed) {
      return;
    }
    LeaderElectionConfig config =
        new LeaderElectionConfigBuilder()
            .withName("opstream-watcher-" + cluster)
            .withLock(
                new LeaseLock(
                    settings.namespace(), settings.leaseName(cluster), settings.identity()))
            .withLeaseDuration(settings.leaseDuration())
            .withRenewDeadline(settings.renewDeadline())
            .withRetryPeriod(settings.retryPeriod())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(
                new LeaderCallbacks(
                    this::becomeLeader,
                    this::loseLeadership,
                    leader ->
                        LOG.info(
                            "Cluster {} is led by {}",
                            cluster,
                            leader == null ? "no replica" : leader)))
            .build();
    LOG.info(
        "Standing for election as {} on Lease {}/{} in cluster {}",
        settings.identity(),
        settings.namespace(),
        settings.leaseName(cluster),
        cluster);
    CompletableFuture<?> running = client.leaderElector().withConfig(config).build().start();
    election = running;
    running.whenComplete(
        (result, failure) -> {
          loseLeadership();
          if (!closed) {
            if (failure != null) {
              LOG.warn("Leader election for {} ended: {}", cluster, failure.toString());
            }
            executor.schedule(
                this::stand, settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
          }
        });
  }

  private void becomeLeader() {
    if (leading.compareAndSet(false, true)) {
      LOG.info(
          "{} leads cluster {}",
          settings.enabled() ? settings.identity() : "This watcher",
          cluster);
      listener.startedLeading();
    }
  }

  private void loseLeadership() {
    if (leading.compareAndSet(true, false)) {
      LOG.warn("{} no longer leads cluster {}", settings.identity(), cluster);
      listener.stoppedLeading();
    }
  }

  @Override
  public void close() {
    closed = true;
    CompletableFuture<?> running = election;
    if (running != null) {
      running.cancel(true);
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
