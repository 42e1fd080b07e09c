package dev.opstream.planner.core;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.WatchScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides which apps a complete snapshot (every chunk of one partition's key list) shows to be
 * deleted, behind the {@link DeletionGuard}.
 *
 * <p>An app is a candidate when it belongs to the snapshot's cluster, its namespace is in the
 * snapshot's scope, its Deployment is present as far as the planner knows, the snapshot does not
 * list it, and it was last observed before the list was taken (an app created while the watcher was
 * listing may be missing from the list, yet exist). The apps of the scope are those the planner
 * tracks in the partition with a present Deployment.
 */
public final class SnapshotJudge {

  private SnapshotJudge() {}

  /**
   * An app the planner tracks, as the judge needs it.
   *
   * @param app the app
   * @param present whether its Deployment exists as far as the planner knows
   * @param lastObservedAt when the watcher last saw it
   */
  public record KnownApp(AppKey app, boolean present, Instant lastObservedAt) {}

  /**
   * The judgement.
   *
   * @param deleted the apps whose deletion is inferred
   * @param held the apps whose deletion the guard holds instead
   * @param inScope how many present apps the snapshot covers
   * @param message why they are held, for their status; null when nothing is held
   */
  public record Verdict(List<AppKey> deleted, List<AppKey> held, int inScope, String message) {
    public Verdict {
      deleted = List.copyOf(deleted);
      held = List.copyOf(held);
    }
  }

  /**
   * Judges a complete snapshot.
   *
   * @param snapshotId the snapshot
   * @param cluster its cluster
   * @param scope its watch scope
   * @param listedAt when the watcher's list completed
   * @param listed every key the snapshot lists for the partition
   * @param known the apps the planner tracks in the partition
   */
  public static Verdict judge(
      String snapshotId,
      String cluster,
      WatchScope scope,
      Instant listedAt,
      Set<AppKey> listed,
      Collection<KnownApp> known,
      DeletionGuard guard) {
    Objects.requireNonNull(listed, "listed");
    List<AppKey> candidates = new ArrayList<>();
    int inScope = 0;
    for (KnownApp app : known) {
      if (!app.present() || !app.app().cluster().equals(cluster) || !scope.covers(app.app())) {
        continue;
      }
      inScope++;
      if (!listed.contains(app.app())
          && app.lastObservedAt() != null
          && app.lastObservedAt().isBefore(listedAt)) {
        candidates.add(app.app());
      }
    }
    candidates.sort(null);
    if (guard.holds(candidates.size(), inScope)) {
      String message =
          "snapshot "
              + snapshotId
              + " of cluster "
              + cluster
              + " no longer lists "
              + candidates.size()
              + " of the "
              + inScope
              + " apps it covers in this partition, more than the allowed share of "
              + Math.round(guard.maxShare() * 100)
              + "%: their deletion is held (check the watcher's namespaces and RBAC); a deletion"
              + " marker or a later snapshot within the limit lets it proceed";
      return new Verdict(List.of(), candidates, inScope, message);
    }
    return new Verdict(candidates, List.of(), inScope, null);
  }
}
