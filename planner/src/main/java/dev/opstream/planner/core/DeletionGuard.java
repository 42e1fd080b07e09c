package dev.opstream.planner.core;

/**
 * The mass-deletion guard: a snapshot that would delete more than {@code maxShare} of the apps it
 * covers, and at least {@code minApps} of them, deletes none; the apps are held and their status
 * says why. A wrong namespace list or lost RBAC makes a watcher's list come back (nearly) empty;
 * that must not tear everything down.
 *
 * <p>The share is counted over the whole scope, across every partition of {@code
 * opstream.deployments} ({@link ScopeTally}). {@code minApps} keeps the guard from holding the
 * ordinary deletion of one or two apps in a small scope.
 *
 * @param maxShare the largest share of a scope's apps one snapshot may delete, in (0, 1]
 * @param minApps the guard applies only when at least this many apps would be deleted
 */
public record DeletionGuard(double maxShare, int minApps) {

  /** At most half of a scope's apps, unless fewer than 3 would go. */
  public static final DeletionGuard DEFAULT = new DeletionGuard(0.5, 3);

  public DeletionGuard {
    if (!(maxShare > 0 && maxShare <= 1)) {
      throw new IllegalArgumentException(
          "deletion guard share must be above 0 and at most 1, was " + maxShare);
    }
    if (minApps < 1) {
      throw new IllegalArgumentException(
          "deletion guard minimum must be at least 1 app, was " + minApps);
    }
  }

  /** Whether deleting {@code deleted} of {@code total} apps at once must be held. */
  public boolean holds(int deleted, int total) {
    return deleted >= minApps && deleted > maxShare * total;
  }
}
