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
 * Finds the apps that a complete snapshot of one partition (every chunk of its key list) no longer
 * lists: the candidates for an inferred deletion. Whether they are deleted is decided for the whole
 * scope, across every partition, by {@link ScopeTally} behind the {@link DeletionGuard}.
 *
 * <p>An app is a candidate when it belongs to the snapshot's cluster, its namespace is in the
 * snapshot's scope, its Deployment is present as far as the planner knows, the snapshot does not
 * list it, and it was last observed before the list was taken (an app created while the watcher was
 * listing may be missing from the list, yet exist). The apps of the scope in the partition are
 * those the planner tracks there with a present Deployment.
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
   * One partition's part of a snapshot.
   *
   * @param missing the apps of the scope in this partition that the snapshot no longer lists,
   *     sorted
   * @param inScope how many present apps of the scope the partition holds
   */
  public record PartitionCount(List<AppKey> missing, int inScope) {
    public PartitionCount {
      missing = List.copyOf(missing);
    }
  }

  /**
   * The judgement for one partition, once the scope's verdict is in.
   *
   * @param deleted the apps whose deletion is inferred
   * @param held the apps whose deletion the guard holds instead
   * @param inScope how many present apps the snapshot covers in the whole scope
   * @param message why they are held, for their status; null when nothing is held
   */
  public record Verdict(List<AppKey> deleted, List<AppKey> held, int inScope, String message) {
    public Verdict {
      deleted = List.copyOf(deleted);
      held = List.copyOf(held);
    }
  }

  /** Whether {@code app} is still a candidate of a snapshot listed at {@code listedAt}. */
  public static boolean stillMissing(KnownApp app, Instant listedAt) {
    return app.present() && app.lastObservedAt() != null && app.lastObservedAt().isBefore(listedAt);
  }

  /**
   * The candidates of one partition.
   *
   * @param cluster the snapshot's cluster
   * @param scope its watch scope
   * @param listedAt when the watcher's list completed
   * @param listed every key the snapshot lists for the partition
   * @param known the apps the planner tracks in the partition
   */
  public static PartitionCount count(
      String cluster,
      WatchScope scope,
      Instant listedAt,
      Set<AppKey> listed,
      Collection<KnownApp> known) {
    Objects.requireNonNull(listed, "listed");
    List<AppKey> missing = new ArrayList<>();
    int inScope = 0;
    for (KnownApp app : known) {
      if (!app.present() || !app.app().cluster().equals(cluster) || !scope.covers(app.app())) {
        continue;
      }
      inScope++;
      if (!listed.contains(app.app()) && stillMissing(app, listedAt)) {
        missing.add(app.app());
      }
    }
    missing.sort(null);
    return new PartitionCount(missing, inScope);
  }
}
