package dev.opstream.watcher.snapshot;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.WatchScope;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The consumer's side of the snapshot markers on {@code opstream.deployments}: what a reader of the
 * topic infers when a watcher's (re)list completes, including what changed while no watcher was
 * watching. Feed it every record of a partition in order; it answers each completed snapshot of
 * that partition (all {@code chunkCount} chunks of one {@code snapshotId}) with:
 *
 * <ul>
 *   <li><b>deleted</b>: keys of that cluster, inside the snapshot's scope, that the reader holds as
 *       existing (seen in a {@code DeploymentObserved}, with no deletion since) and that the
 *       snapshot does not list: deleted while nothing watched, since no deletion record will come;
 *   <li><b>added</b>: listed keys that the previous complete snapshot of the same cluster and
 *       partition did not list (on the first snapshot a reader sees: every listed key it did not
 *       already hold).
 * </ul>
 *
 * Keys outside the scope are never inferred deleted: a narrower namespace list says nothing about
 * other namespaces. Pure and single-threaded; one instance per consumer of any number of
 * partitions.
 */
public final class SnapshotInference {

  /** What one completed snapshot of one partition tells. */
  public record Inference(
      String cluster,
      int partition,
      String snapshotId,
      WatchScope scope,
      Set<AppKey> listed,
      Set<AppKey> deleted,
      Set<AppKey> added) {}

  private record Slot(String cluster, int partition) {}

  private record Partial(
      String snapshotId, int chunkCount, Map<Integer, SnapshotComplete> chunks) {}

  private final Map<Slot, Set<AppKey>> existing = new HashMap<>();
  private final Map<Slot, Set<AppKey>> lastListed = new HashMap<>();
  private final Map<Slot, Partial> partial = new HashMap<>();

  /**
   * Takes one record read from {@code partition}: {@code value} null is a tombstone. Returns the
   * inference when the record completes a snapshot of the partition.
   */
  public Optional<Inference> accept(int partition, AppKey key, DeploymentEvent value) {
    if (value == null) {
      if (key != null) {
        existing(new Slot(key.cluster(), partition)).remove(key);
      }
      return Optional.empty();
    }
    if (value instanceof DeploymentObserved observed) {
      existing(new Slot(observed.cluster(), partition)).add(observed.app());
      return Optional.empty();
    }
    if (value instanceof DeploymentDeleted deleted) {
      existing(new Slot(deleted.cluster(), partition)).remove(deleted.app());
      return Optional.empty();
    }
    return chunk(partition, (SnapshotComplete) value);
  }

  /** The keys of {@code cluster} the reader holds as existing on {@code partition}. */
  public Set<AppKey> existing(String cluster, int partition) {
    return Set.copyOf(existing(new Slot(cluster, partition)));
  }

  private Optional<Inference> chunk(int partition, SnapshotComplete chunk) {
    Slot slot = new Slot(chunk.cluster(), partition);
    Partial current = partial.get(slot);
    if (current == null || !current.snapshotId().equals(chunk.snapshotId())) {
      current = new Partial(chunk.snapshotId(), chunk.chunkCount(), new HashMap<>());
      partial.put(slot, current);
    }
    current.chunks().put(chunk.chunkIndex(), chunk);
    if (current.chunks().size() < current.chunkCount()) {
      return Optional.empty();
    }
    partial.remove(slot);
    Set<AppKey> listed = new TreeSet<>();
    current.chunks().values().forEach(c -> listed.addAll(c.keys()));
    Set<AppKey> held = existing(slot);
    Set<AppKey> deleted = new TreeSet<>();
    for (AppKey key : held) {
      if (chunk.scope().covers(key) && !listed.contains(key)) {
        deleted.add(key);
      }
    }
    Set<AppKey> before = lastListed.getOrDefault(slot, held);
    Set<AppKey> added = new TreeSet<>(listed);
    added.removeAll(before);
    held.removeAll(deleted);
    held.addAll(listed);
    lastListed.put(slot, Set.copyOf(listed));
    return Optional.of(
        new Inference(
            chunk.cluster(),
            partition,
            chunk.snapshotId(),
            chunk.scope(),
            Set.copyOf(listed),
            Set.copyOf(deleted),
            Set.copyOf(added)));
  }

  private Set<AppKey> existing(Slot slot) {
    return existing.computeIfAbsent(slot, s -> new HashSet<>());
  }
}
