package dev.opstream.planner.core;

import dev.opstream.planner.desired.DesiredStateConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The installation's settings that shape every plan.
 *
 * @param bucketPrefix the first word of every bucket name, e.g. {@code opstream}
 * @param gracePeriod how long a teardown waits before deleting the bucket (zero in the demo)
 * @param pauseAll the global pause switch: plan nothing for any app, and say so in every status
 * @param backoff the retry policy for {@code FAILED_RETRYABLE} results
 * @param driftInterval how often a live app's resources are observed for drift
 * @param deletionGuard the mass-deletion guard for snapshot-inferred deletions
 * @param backupGrace how long after a scheduled backup time a good backup may still be missing
 *     before the app's backups count as overdue (time for the Job to start and finish)
 */
public record PlanningPolicy(
    String bucketPrefix,
    Duration gracePeriod,
    boolean pauseAll,
    Backoff backoff,
    Duration driftInterval,
    DeletionGuard deletionGuard,
    Duration backupGrace) {

  public static final String DEFAULT_BUCKET_PREFIX = "opstream";
  public static final Duration DEFAULT_DRIFT_INTERVAL = Duration.ofMinutes(15);
  public static final Duration DEFAULT_BACKUP_GRACE = Duration.ofHours(1);

  public PlanningPolicy {
    Objects.requireNonNull(bucketPrefix, "bucketPrefix");
    if (!bucketPrefix.matches("[a-z0-9]+(-[a-z0-9]+)*") || bucketPrefix.length() > 30) {
      throw new IllegalArgumentException(
          "bucket prefix must be 1 to 30 lower-case letters and digits in hyphen-separated"
              + " words, such as opstream or acme-backups, was '"
              + bucketPrefix
              + "'");
    }
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("grace period must not be negative, was " + gracePeriod);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(driftInterval, "driftInterval");
    if (driftInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "drift interval must be at least PT1S, was " + driftInterval);
    }
    Objects.requireNonNull(deletionGuard, "deletionGuard");
    Objects.requireNonNull(backupGrace, "backupGrace");
    if (backupGrace.isNegative()) {
      throw new IllegalArgumentException("backup grace must not be negative, was " + backupGrace);
    }
  }

  /** A policy with the default backup grace ({@link #DEFAULT_BACKUP_GRACE}). */
  public PlanningPolicy(
      String bucketPrefix,
      Duration gracePeriod,
      boolean pauseAll,
      Backoff backoff,
      Duration driftInterval,
      DeletionGuard deletionGuard) {
    this(
        bucketPrefix,
        gracePeriod,
        pauseAll,
        backoff,
        driftInterval,
        deletionGuard,
        DEFAULT_BACKUP_GRACE);
  }

  /** The production defaults: prefix {@code opstream}, 24 h grace period, not paused. */
  public static PlanningPolicy defaults() {
    return new PlanningPolicy(
        DEFAULT_BUCKET_PREFIX,
        DesiredStateConfig.DEFAULT_DELETE_GRACE_PERIOD,
        false,
        Backoff.DEFAULT,
        DEFAULT_DRIFT_INTERVAL,
        DeletionGuard.DEFAULT,
        DEFAULT_BACKUP_GRACE);
  }

  public PlanningPolicy withGracePeriod(Duration gracePeriod) {
    return new PlanningPolicy(
        bucketPrefix, gracePeriod, pauseAll, backoff, driftInterval, deletionGuard, backupGrace);
  }

  public PlanningPolicy withPauseAll(boolean pauseAll) {
    return new PlanningPolicy(
        bucketPrefix, gracePeriod, pauseAll, backoff, driftInterval, deletionGuard, backupGrace);
  }

  public PlanningPolicy withBackoff(Backoff backoff) {
    return new PlanningPolicy(
        bucketPrefix, gracePeriod, pauseAll, backoff, driftInterval, deletionGuard, backupGrace);
  }

  public PlanningPolicy withDeletionGuard(DeletionGuard deletionGuard) {
    return new PlanningPolicy(
        bucketPrefix, gracePeriod, pauseAll, backoff, driftInterval, deletionGuard, backupGrace);
  }

  public PlanningPolicy withDriftInterval(Duration driftInterval) {
    return new PlanningPolicy(
        bucketPrefix, gracePeriod, pauseAll, backoff, driftInterval, deletionGuard, backupGrace);
  }

  public PlanningPolicy withBackupGrace(Duration backupGrace) {
    return new PlanningPolicy(
        bucketPrefix, gracePeriod, pauseAll, backoff, driftInterval, deletionGuard, backupGrace);
  }

  /** What the annotation parser needs from this policy. */
  public DesiredStateConfig desiredStateConfig() {
    return new DesiredStateConfig(gracePeriod);
  }
}
