package dev.opstream.replay.chain;

import dev.opstream.replay.AppSelector;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.records.TimerKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds each app's causal chains from records read in timestamp order: an observed change (or
 * deletion, snapshot, drift check) → the planner's decisions (actions, with its reason) → the
 * actuators' results → the decisions those results caused, and so on. Links follow {@code causedBy}
 * to the {@code ce_id} of an earlier record. Timers carry no {@code causedBy}: a retry timer joins
 * the chain of the action it retries, a grace-period timer the chain of the app's current teardown
 * (so a deletion at the end of a grace period is traced to the change that started the teardown), a
 * drift-check timer starts a chain of its own.
 *
 * <p>Memory is bounded: a chain with no new step for {@link Limits#idle} of record time is handed
 * on (and the records it could still be the cause of are forgotten); per app at most {@link
 * Limits#eventsPerApp} records are remembered as possible causes and {@link Limits#chainsPerApp}
 * chains are held (the oldest is handed on when more open); at most {@link Limits#apps} apps are
 * held (the least recently seen is handed on). A step that follows from a chain already handed on
 * (a grace period that ends a day after the change) starts a new chain with the same cause.
 * Whatever is left is handed on by {@link #finish()}, app by app.
 */
public final class ChainBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(ChainBuilder.class);

  /**
   * How much is held at most.
   *
   * @param apps apps held at once
   * @param chainsPerApp chains held per app
   * @param hopsPerChain steps per chain (a longer chain continues in a new one with the same cause)
   * @param eventsPerApp records per app remembered as possible causes
   * @param idle record time after a chain's last step when it is handed on
   */
  public record Limits(
      int apps, int chainsPerApp, int hopsPerChain, int eventsPerApp, Duration idle) {
    public static final Limits DEFAULT = new Limits(100_000, 64, 256, 128, Duration.ofMinutes(15));

    public Limits {
      if (apps < 1 || chainsPerApp < 1 || hopsPerChain < 1 || eventsPerApp < 1) {
        throw new IllegalArgumentException("every limit must be at least 1");
      }
      if (idle == null || idle.isNegative() || idle.isZero()) {
        throw new IllegalArgumentException("the idle time must be positive");
      }
    }

    public Limits withIdle(Duration idle) {
      return new Limits(apps, chainsPerApp, hopsPerChain, eventsPerApp, idle);
    }
  }

  /** How many records pass between two looks for idle chains. */
  private static final int SWEEP_EVERY = 4096;

  /** What was read. */
  public record Stats(long records, long unreadable, long chains) {}

  private final AppSelector selector;
  private final Consumer<Chain> out;
  private final Limits limits;
  private final LinkedHashMap<AppKey, Trail> trails = new LinkedHashMap<>(16, 0.75f, true);
  private final LinkedHashMap<String, Cause> snapshots = bounded(1024);
  private final RecordDecoder decoder = new RecordDecoder();
  private long records;
  private long unreadable;
  private long chains;
  private Instant latest = Instant.EPOCH;

  public ChainBuilder(AppSelector selector, Consumer<Chain> out, Limits limits) {
    this.selector = Objects.requireNonNull(selector, "selector");
    this.out = Objects.requireNonNull(out, "out");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Takes the next record (of any opstream topic but the DLQ), in timestamp order. */
  public void accept(ConsumerRecord<byte[], byte[]> raw) {
    records++;
    RecordDecoder.Read read = decoder.read(raw, selector);
    if (read instanceof RecordDecoder.Unreadable bad) {
      unreadable++;
      LOG.debug(
          "Skipping unreadable record {}-{}@{}: {}",
          raw.topic(),
          raw.partition(),
          raw.offset(),
          bad.why());
      return;
    }
    if (!(read instanceof RecordDecoder.Value value)
        || value.value() == null && value.key() == null) {
      return;
    }
    Instant at = Instant.ofEpochMilli(raw.timestamp());
    if (at.isAfter(latest)) {
      latest = at;
    }
    if (records % SWEEP_EVERY == 0) {
      sweep();
    }
    String eventId =
        CloudEventHeaders.id(raw.headers())
            .orElse(raw.topic() + "-" + raw.partition() + "@" + raw.offset());
    Object record = value.value();
    if (record instanceof SnapshotComplete snapshot) {
      snapshots.put(eventId, snapshotCause(snapshot, at, eventId));
      return;
    }
    Trail trail = trail(value.key());
    if (record == null) {
      trail.root(new Cause(Cause.Type.TOMBSTONE, at, eventId, "tombstone: the Deployment is gone"));
    } else if (record instanceof DeploymentObserved observed) {
      trail.observed(observed, at, eventId);
    } else if (record instanceof DeploymentDeleted deleted) {
      trail.root(
          new Cause(
              Cause.Type.DELETED,
              at,
              eventId,
              "the Deployment was deleted (uid " + deleted.uid() + ")"));
    } else if (record instanceof Action action) {
      trail.action(action, at, eventId);
    } else if (record instanceof ActionResult result) {
      trail.result(result, at, eventId);
    } else if (record instanceof TimerFired timer) {
      trail.timer(timer, at, eventId);
    }
    if (trails.size() > limits.apps()) {
      Map.Entry<AppKey, Trail> eldest = trails.entrySet().iterator().next();
      trails.remove(eldest.getKey());
      eldest.getValue().emitAll();
    }
  }

  /** Hands on the chains idle for longer than the limit and forgets the records behind them. */
  private void sweep() {
    Instant horizon = latest.minus(limits.idle());
    for (Trail trail : trails.values()) {
      trail.sweep(horizon);
    }
  }

  /** Hands on every chain still held, app by app (sorted by app key). */
  public void finish() {
    List<AppKey> keys = new ArrayList<>(trails.keySet());
    keys.sort(Comparator.naturalOrder());
    for (AppKey key : keys) {
      trails.get(key).emitAll();
    }
    trails.clear();
  }

  public Stats stats() {
    return new Stats(records, unreadable, chains);
  }

  private Trail trail(AppKey app) {
    return trails.computeIfAbsent(app, Trail::new);
  }

  private Cause snapshotCause(SnapshotComplete snapshot, Instant at, String eventId) {
    return new Cause(
        Cause.Type.SNAPSHOT,
        at,
        eventId,
        "snapshot "
            + snapshot.snapshotId()
            + " of cluster "
            + snapshot.cluster()
            + " (listed at "
            + snapshot.observedAt()
            + ") no longer lists the Deployment");
  }

  private void emit(Chain chain) {
    chains++;
    out.accept(chain);
  }

  private static <K, V> LinkedHashMap<K, V> bounded(int size) {
    return new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > size;
      }
    };
  }

  /**
   * A record that can be the cause of later ones: a chain's cause, or a step in a chain. Only what
   * a later step needs is kept (not the step itself), so remembered records stay small.
   */
  private record Node(Cause cause, OpenChain chain, Instant at, String eventId) {
    static Node cause(Cause cause, OpenChain chain) {
      return new Node(cause, chain, cause.at(), cause.eventId());
    }

    static Node step(OpenChain chain, Hop hop) {
      return new Node(null, chain, hop.at(), hop.eventId());
    }

    boolean isStep() {
      return cause == null;
    }
  }

  /** A chain being built. */
  private static final class OpenChain {
    Cause cause;
    final List<Hop> hops = new ArrayList<>();
    OpenChain continuation;
    boolean emitted;
    Instant lastAt;

    OpenChain(Cause cause) {
      this.cause = cause;
    }
  }

  /** What is held about one app. */
  private final class Trail {
    final AppKey app;
    final LinkedHashMap<String, Node> events = bounded(limits.eventsPerApp());
    final LinkedHashMap<String, OpenChain> byAction = bounded(limits.eventsPerApp());
    final java.util.Set<String> timers =
        java.util.Collections.newSetFromMap(bounded(limits.eventsPerApp()));
    final List<OpenChain> open = new ArrayList<>();
    Map<String, String> lastAnnotations;
    String lastUid;
    OpenChain teardown;

    Trail(AppKey app) {
      this.app = app;
    }

    void root(Cause cause) {
      register(cause.eventId(), Node.cause(cause, null));
    }

    void observed(DeploymentObserved observed, Instant at, String eventId) {
      String detail = AnnotationDiff.describe(lastAnnotations, observed.annotations());
      if (lastUid != null && !lastUid.equals(observed.uid())) {
        detail = "re-created (uid " + lastUid + " → " + observed.uid() + "); " + detail;
      }
      lastAnnotations = observed.annotations();
      lastUid = observed.uid();
      root(new Cause(Cause.Type.OBSERVED, at, eventId, detail));
    }

    void action(Action action, Instant at, String eventId) {
      Node cause = events.get(action.causedBy());
      OpenChain chain = chainOf(cause, action.causedBy(), at);
      String what = typeName(action) + " #" + action.attempt();
      Hop hop =
          new Hop(
              Hop.Type.ACTION,
              at,
              latency(cause, at),
              eventId,
              action.causedBy(),
              what,
              action.actionId(),
              action.attempt(),
              action.reason());
      chain = append(chain, hop);
      byAction.put(action.actionId(), chain);
      boolean byTimer = timers.contains(action.causedBy());
      if (action.actionType().name().startsWith("DELETE") && !byTimer) {
        teardown = chain;
      } else if (action.actionType().name().startsWith("ENSURE")) {
        teardown = null;
      }
      register(eventId, Node.step(chain, hop));
    }

    void result(ActionResult result, Instant at, String eventId) {
      Node cause = events.get(result.causedBy());
      OpenChain chain = chainOf(cause, result.causedBy(), at);
      String detail =
          result.error() != null
              ? result.error()
              : result.observed() == null
                  ? ""
                  : result.observed().exists() ? "exists afterwards" : "absent afterwards";
      Hop hop =
          new Hop(
              Hop.Type.RESULT,
              at,
              latency(cause, at),
              eventId,
              result.causedBy(),
              result.outcome().name(),
              result.actionId(),
              result.attempt(),
              detail);
      chain = append(chain, hop);
      register(eventId, Node.step(chain, hop));
    }

    void timer(TimerFired timer, Instant at, String eventId) {
      String detail = "due " + timer.dueAt();
      if (timer.timer() == TimerKind.DRIFT_CHECK) {
        root(new Cause(Cause.Type.DRIFT_CHECK, at, eventId, "drift check timer, " + detail));
        return;
      }
      OpenChain chain =
          timer.timer() == TimerKind.RETRY ? byAction.get(timer.actionId()) : teardown;
      if (chain != null) {
        chain = current(chain);
      }
      Node from = null;
      if (chain == null) {
        chain =
            openChain(
                new Cause(
                    Cause.Type.OUTSIDE_RANGE,
                    at,
                    eventId,
                    timer.timer() + " timer whose cause is not in the range read"));
      } else if (timer.timer() == TimerKind.RETRY) {
        for (Hop hop : chain.hops) {
          if (hop.type() == Hop.Type.RESULT && Objects.equals(hop.actionId(), timer.actionId())) {
            from = Node.step(chain, hop);
          }
        }
      } else {
        from = Node.cause(chain.cause, chain);
      }
      timers.add(eventId);
      String follows = from == null ? null : from.eventId();
      Hop hop =
          new Hop(
              Hop.Type.TIMER,
              at,
              latency(from, at),
              eventId,
              follows,
              timer.timer().name(),
              timer.actionId(),
              0,
              detail);
      chain = append(chain, hop);
      register(eventId, Node.step(chain, hop));
    }

    /** The chain a step caused by {@code cause} belongs to (a new one if it has none yet). */
    private OpenChain chainOf(Node cause, String causedBy, Instant at) {
      if (cause != null && cause.chain() != null) {
        return current(cause.chain());
      }
      if (cause != null) {
        OpenChain chain = openChain(cause.cause());
        events.put(causedBy, Node.cause(cause.cause(), chain));
        return chain;
      }
      Cause snapshot = snapshots.get(causedBy);
      Cause unknown =
          snapshot != null
              ? snapshot
              : new Cause(
                  Cause.Type.OUTSIDE_RANGE,
                  at,
                  causedBy,
                  "the record " + causedBy + " is not in the range read");
      OpenChain chain = openChain(unknown);
      events.put(causedBy, Node.cause(unknown, chain));
      return chain;
    }

    private OpenChain openChain(Cause cause) {
      OpenChain chain = new OpenChain(cause);
      open.add(chain);
      if (open.size() > limits.chainsPerApp()) {
        close(open.remove(0));
      }
      return chain;
    }

    private OpenChain current(OpenChain chain) {
      OpenChain at = chain;
      while (at.continuation != null) {
        at = at.continuation;
      }
      return at;
    }

    private OpenChain append(OpenChain chain, Hop hop) {
      OpenChain target = current(chain);
      if (target.emitted) {
        target.continuation = openChain(target.cause);
        target = target.continuation;
      }
      target.hops.add(hop);
      target.lastAt = hop.at();
      if (target.hops.size() >= limits.hopsPerChain()) {
        open.remove(target);
        close(target);
      }
      return target;
    }

    /**
     * Remembers {@code node} under {@code eventId}. A provisional chain that named this record as
     * its unknown cause (its step was read first, with an equal timestamp) is joined to it.
     */
    private void register(String eventId, Node node) {
      Node before = events.get(eventId);
      if (before != null
          && !before.isStep()
          && before.chain() != null
          && before.cause().type() == Cause.Type.OUTSIDE_RANGE
          && !before.chain().emitted) {
        OpenChain provisional = before.chain();
        if (node.chain() == null) {
          provisional.cause = node.cause();
          events.put(eventId, Node.cause(node.cause(), provisional));
          return;
        }
        OpenChain target = current(node.chain());
        open.remove(provisional);
        target.hops.addAll(provisional.hops);
        provisional.continuation = target;
        provisional.emitted = true;
        events.replaceAll(
            (id, n) ->
                n.chain() == provisional ? new Node(n.cause(), target, n.at(), n.eventId()) : n);
        byAction.replaceAll((id, c) -> c == provisional ? target : c);
      }
      events.put(eventId, node);
    }

    void sweep(Instant horizon) {
      for (OpenChain chain : List.copyOf(open)) {
        if (chain.lastAt != null && chain.lastAt.isBefore(horizon)) {
          open.remove(chain);
          close(chain);
        }
      }
      events.values().removeIf(node -> node.at().isBefore(horizon));
      byAction
          .values()
          .removeIf(
              chain -> chain.emitted && chain.lastAt != null && chain.lastAt.isBefore(horizon));
    }

    void emitAll() {
      for (OpenChain chain : open) {
        close(chain);
      }
      open.clear();
    }

    private void close(OpenChain chain) {
      chain.emitted = true;
      if (!chain.hops.isEmpty()) {
        ChainBuilder.this.emit(new Chain(app, chain.cause, chain.hops));
      }
      chain.hops.clear(); // handed on: only its cause is still needed, for a continuation
    }
  }

  private static long latency(Node from, Instant at) {
    return from == null ? -1 : Math.max(0, Duration.between(from.at(), at).toMillis());
  }

  private static String typeName(Action action) {
    return action.getClass().getSimpleName();
  }
}
