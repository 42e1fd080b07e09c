package dev.opstream.watcher.config;

import java.time.Duration;

/**
 * Leader election among replicas of one cluster's watcher: a Kubernetes Lease per cluster, named
 * {@code opstream-watcher-<cluster>}, in that cluster.
 *
 * @param enabled false: every replica publishes (run one replica only)
 * @param namespace the namespace of the Lease
 * @param identity this replica's name in the Lease (unique per replica)
 * @param leaseDuration how long a leader's Lease holds without renewal
 * @param renewDeadline how long the leader keeps trying to renew before it stops leading
 * @param retryPeriod how often candidates try to acquire and the leader renews
 */
public record LeaderElection(
    boolean enabled,
    String namespace,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  public LeaderElection {
    if (enabled) {
      if (namespace == null || namespace.isBlank()) {
        throw new WatcherConfigException("leader election needs the Lease's namespace");
      }
      if (identity == null || identity.isBlank()) {
        throw new WatcherConfigException("leader election needs this replica's identity");
      }
      if (retryPeriod.isZero()
          || retryPeriod.isNegative()
          || renewDeadline.compareTo(retryPeriod) <= 0
          || leaseDuration.compareTo(renewDeadline) <= 0) {
        throw new WatcherConfigException(
            "leader election needs lease duration ("
                + leaseDuration
                + ") > renew deadline ("
                + renewDeadline
                + ") > retry period ("
                + retryPeriod
                + ") > 0");
      }
    }
  }

  /** Leader election off: this process publishes for its clusters without a Lease. */
  public static LeaderElection disabled() {
    return new LeaderElection(
        false, null, null, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  /** The Lease's name for {@code cluster}. */
  public String leaseName(String cluster) {
    return "opstream-watcher-" + cluster;
  }
}
