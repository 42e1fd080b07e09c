package dev.opstream.watcher.publish;

import dev.opstream.topics.records.AppKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the watcher decided to publish and Kafka has not acknowledged yet. Thread-safe, no I/O: the
 * informers add, one sender takes, sends and reports back ({@link #acked}, {@link #failed}).
 *
 * <p>Nothing is lost while Kafka is down: a unit stays here until acknowledged, and a failed one is
 * taken again first. Memory stays bounded by coalescing per app: a {@code DeploymentObserved}
 * replaces an unsent one of the same app and uid. That is correct because the records are
 * level-based (each holds the whole relevant state, never a diff), so the planner needs only the
 * latest state; a replaced state keeps its place in the queue, so it is sent no later than the
 * state it replaces would have been. Deletions are never coalesced away, and a snapshot replaces
 * only an unsent snapshot of the same cluster.
 *
 * <p>Order: an app's units go out one at a time, each after the previous one was acknowledged, so
 * they reach its partition in order even when one is retried. A snapshot is a barrier: it goes out
 * once everything queued before it is acknowledged, and nothing queued after it goes out before it
 * is acknowledged, so its markers follow the state they describe.
 */
public final class Outbox {

  /** A unit of work for the sender: one publication, with its place in the queue. */
  public record Unit(long seq, Publication publication) {}

  private record Pending(long seq, Publication.ForApp publication) {}

  private static final class AppQueue {
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean inFlight;
  }

  private final int maxInFlight;
  private final Map<AppKey, AppQueue> apps = new HashMap<>();
  private final TreeMap<Long, AppQueue> ready = new TreeMap<>();
  private final TreeSet<Long> unackedAppSeqs = new TreeSet<>();
  private final TreeMap<Long, Publication.Snapshot> snapshots = new TreeMap<>();
  private final TreeMap<Long, Publication.Snapshot> snapshotsInFlight = new TreeMap<>();
  private final Set<Long> discardIfFailed = new HashSet<>();
  private long nextSeq;
  private int inFlight;
  private long coalesced;

  /** An outbox that lets at most {@code maxInFlight} units be sent but not acknowledged. */
  public Outbox(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1");
    }
    this.maxInFlight = maxInFlight;
  }

  /** Queues the publications, in order. */
  public synchronized void addAll(List<? extends Publication> publications) {
    for (Publication publication : publications) {
      add(publication);
    }
  }

  /** Queues one publication. */
  public synchronized void add(Publication publication) {
    if (publication instanceof Publication.Snapshot snapshot) {
      addSnapshot(snapshot);
    } else {
      addForApp((Publication.ForApp) publication);
    }
    notifyAll();
  }

  private void addSnapshot(Publication.Snapshot snapshot) {
    snapshots.values().removeIf(queued -> queued.cluster().equals(snapshot.cluster()));
    snapshots.put(nextSeq++, snapshot);
  }

  private void addForApp(Publication.ForApp publication) {
    AppQueue queue = apps.computeIfAbsent(publication.app(), key -> new AppQueue());
    Pending last = queue.pending.peekLast();
    boolean lastIsUnsent = last != null && !(queue.inFlight && queue.pending.size() == 1);
    if (lastIsUnsent && replaces(publication, last.publication())) {
      queue.pending.removeLast();
      queue.pending.addLast(new Pending(last.seq(), publication));
      coalesced++;
      return;
    }
    long seq = nextSeq++;
    queue.pending.addLast(new Pending(seq, publication));
    unackedAppSeqs.add(seq);
    if (!queue.inFlight && queue.pending.size() == 1) {
      ready.put(seq, queue);
    }
  }

  /** A newer state of the same Deployment (same uid) replaces an unsent one. */
  private static boolean replaces(Publication.ForApp newer, Publication.ForApp older) {
    return newer instanceof Publication.Observed next
        && older instanceof Publication.Observed previous
        && Objects.equals(next.record().uid(), previous.record().uid());
  }

  /**
   * Takes up to {@code max} units that may be sent now, in queue order, waiting up to {@code
   * timeout} for the first; empty when there is none.
   */
  public synchronized List<Unit> take(int max, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Unit> units = takeNow(max);
    while (units.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return units;
      }
      wait(Math.max(1, left / 1_000_000));
      units = takeNow(max);
    }
    return units;
  }

  private List<Unit> takeNow(int max) {
    List<Unit> units = new ArrayList<>();
    while (units.size() < max && inFlight < maxInFlight) {
      Long barrier = firstSnapshotSeq();
      Map.Entry<Long, AppQueue> app = ready.firstEntry();
      if (app != null && (barrier == null || app.getKey() < barrier)) {
        ready.pollFirstEntry();
        AppQueue queue = app.getValue();
        queue.inFlight = true;
        inFlight++;
        Pending head = queue.pending.peekFirst();
        units.add(new Unit(head.seq(), head.publication()));
      } else if (!snapshots.isEmpty()
          && snapshotsInFlight.isEmpty()
          && (unackedAppSeqs.isEmpty() || unackedAppSeqs.first() > snapshots.firstKey())) {
        Map.Entry<Long, Publication.Snapshot> snapshot = snapshots.pollFirstEntry();
        snapshotsInFlight.put(snapshot.getKey(), snapshot.getValue());
        inFlight++;
        units.add(new Unit(snapshot.getKey(), snapshot.getValue()));
      } else {
        break;
      }
    }
    return units;
  }

  private Long firstSnapshotSeq() {
    Long queued = snapshots.isEmpty() ? null : snapshots.firstKey();
    Long sending = snapshotsInFlight.isEmpty() ? null : snapshotsInFlight.firstKey();
    if (queued == null) {
      return sending;
    }
    return sending == null ? queued : Math.min(queued, sending);
  }

  /** Kafka acknowledged every record of {@code unit}. */
  public synchronized void acked(Unit unit) {
    inFlight--;
    discardIfFailed.remove(unit.seq());
    if (unit.publication() instanceof Publication.ForApp app) {
      AppQueue queue = apps.get(app.app());
      queue.pending.pollFirst();
      queue.inFlight = false;
      unackedAppSeqs.remove(unit.seq());
      if (queue.pending.isEmpty()) {
        apps.remove(app.app());
      } else {
        ready.put(queue.pending.peekFirst().seq(), queue);
      }
    } else {
      snapshotsInFlight.remove(unit.seq());
    }
    notifyAll();
  }

  /**
   * Sending {@code unit} failed: it is taken again first, unless a newer state of the same
   * Deployment (or a newer snapshot of the same cluster) already replaces it.
   */
  public synchronized void failed(Unit unit) {
    if (discardIfFailed.remove(unit.seq())) {
      acked(unit);
      return;
    }
    inFlight--;
    if (unit.publication() instanceof Publication.ForApp app) {
      AppQueue queue = apps.get(app.app());
      queue.inFlight = false;
      Pending head = queue.pending.pollFirst();
      Pending next = queue.pending.peekFirst();
      if (next != null && replaces(next.publication(), head.publication())) {
        queue.pending.pollFirst();
        unackedAppSeqs.remove(next.seq());
        queue.pending.addFirst(new Pending(head.seq(), next.publication()));
        coalesced++;
      } else {
        queue.pending.addFirst(head);
      }
      ready.put(head.seq(), queue);
    } else {
      snapshotsInFlight.remove(unit.seq());
      Publication.Snapshot snapshot = (Publication.Snapshot) unit.publication();
      boolean replaced =
          snapshots.values().stream().anyMatch(s -> s.cluster().equals(snapshot.cluster()));
      if (!replaced) {
        snapshots.put(unit.seq(), snapshot);
      }
    }
    notifyAll();
  }

  /**
   * Forgets everything unsent about {@code cluster} (this replica stopped leading it; the new
   * leader publishes everything again). Units in flight finish, but are not sent again if they
   * fail.
   */
  public synchronized void dropCluster(String cluster) {
    Iterator<Map.Entry<AppKey, AppQueue>> entries = apps.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<AppKey, AppQueue> entry = entries.next();
      if (!entry.getKey().cluster().equals(cluster)) {
        continue;
      }
      AppQueue queue = entry.getValue();
      Pending keep = queue.inFlight ? queue.pending.peekFirst() : null;
      if (keep != null) {
        discardIfFailed.add(keep.seq());
      }
      for (Pending pending : queue.pending) {
        if (pending != keep) {
          unackedAppSeqs.remove(pending.seq());
        }
      }
      if (!queue.pending.isEmpty()) {
        ready.remove(queue.pending.peekFirst().seq());
      }
      queue.pending.clear();
      if (keep != null) {
        queue.pending.add(keep);
      } else {
        entries.remove();
      }
    }
    snapshots.values().removeIf(snapshot -> snapshot.cluster().equals(cluster));
    snapshotsInFlight.forEach(
        (seq, snapshot) -> {
          if (snapshot.cluster().equals(cluster)) {
            discardIfFailed.add(seq);
          }
        });
    notifyAll();
  }

  /** Units queued or in flight. */
  public synchronized int size() {
    return unackedAppSeqs.size() + snapshots.size() + snapshotsInFlight.size();
  }

  /** How many unsent states were replaced by newer ones so far. */
  public synchronized long coalesced() {
    return coalesced;
  }

  /** Waits until everything was acknowledged; false when {@code timeout} passed first. */
  public synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (size() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
