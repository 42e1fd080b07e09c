package dev.opstream.planner;

import dev.opstream.planner.core.AppState;
import dev.opstream.planner.core.PlannedTimer;
import dev.opstream.planner.core.Planner;
import dev.opstream.planner.core.PlannerInput;
import dev.opstream.planner.core.PlannerInput.DeletionHeld;
import dev.opstream.planner.core.PlannerInput.DeploymentGone;
import dev.opstream.planner.core.PlannerInput.DeploymentSeen;
import dev.opstream.planner.core.PlannerInput.ResultReceived;
import dev.opstream.planner.core.PlannerInput.TimerElapsed;
import dev.opstream.planner.core.ScopeTally;
import dev.opstream.planner.core.SnapshotJudge;
import dev.opstream.planner.core.StatusConditions;
import dev.opstream.planner.core.Step;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.TimerFired;
import dev.opstream.topics.records.TimerKind;
import dev.opstream.topics.serde.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner's one processor: turns each input record into a {@link PlannerInput}, runs {@link
 * Planner#step} on the app's stored state, and writes what was decided. A wall-clock punctuator
 * fires due timers by writing them to {@code opstream.timers}; they come back as input.
 *
 * <p>"now" is always the timestamp of the record being handled (the punctuator's is the wall clock
 * at firing, which becomes the timer record's timestamp), so a replay decides the same.
 */
final class PlannerProcessor implements Processor<Object, Object, Object, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(PlannerProcessor.class);

  /** At most this many timers are fired per punctuation, to bound one transaction's size. */
  private static final int MAX_TIMERS_PER_TICK = 10_000;

  private final Planner planner;
  private final Duration tick;
  private final PlannerListener listener;
  private final int deploymentPartitions;
  private final String guardTopic;

  private ProcessorContext<Object, Object> context;
  private KeyValueStore<AppKey, AppState> apps;
  private KeyValueStore<AppKey, AppStatus> statuses;
  private KeyValueStore<String, TimerEntry> timers;
  private KeyValueStore<String, SnapshotProgress> snapshots;
  private KeyValueStore<String, PendingDeletions> pendingDeletions;
  private KeyValueStore<String, ScopeTally> tallies;
  private boolean resumeChecked;

  PlannerProcessor(
      Planner planner,
      Duration tick,
      PlannerListener listener,
      int deploymentPartitions,
      String guardTopic) {
    this.planner = planner;
    this.tick = tick;
    this.listener = listener;
    this.deploymentPartitions = deploymentPartitions;
    this.guardTopic = guardTopic;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.apps = context.getStateStore(PlannerTopology.APPS_STORE);
    this.statuses = context.getStateStore(PlannerTopology.STATUS_STORE);
    this.timers = context.getStateStore(PlannerTopology.TIMERS_STORE);
    this.snapshots = context.getStateStore(PlannerTopology.SNAPSHOTS_STORE);
    this.pendingDeletions = context.getStateStore(PlannerTopology.PENDING_DELETIONS_STORE);
    this.tallies = context.getStateStore(PlannerTopology.SCOPE_TALLIES_STORE);
    context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
  }

  @Override
  public void process(Record<Object, Object> record) {
    RecordMetadata origin = context.recordMetadata().orElseThrow();
    String causedBy =
        CloudEventHeaders.id(record.headers())
            .orElse(origin.topic() + "-" + origin.partition() + "@" + origin.offset());
    Instant now = Instant.ofEpochMilli(record.timestamp());
    Object value = record.value();
    if (value instanceof SnapshotComplete snapshot) {
      snapshot(snapshot, origin, causedBy, now, record);
      return;
    }
    if (value instanceof GuardMessage guard) {
      if (guard.tally() != null) {
        tally(guard.tally(), now);
      } else {
        verdict(guard.verdict(), now);
      }
      return;
    }
    if (origin.topic().equals(guardTopic)) {
      return; // a tombstone: the planner writes none, so there is nothing to do
    }
    AppKey key = (AppKey) record.key();
    if (key == null) {
      deadLetter(record, origin, "MISSING_KEY", "the record has no app key");
      return;
    }
    PlannerInput input = input(key, value, origin, causedBy);
    if (input == null) {
      if (value != null) {
        deadLetter(
            record,
            origin,
            "KEY_MISMATCH",
            "the record's key " + key + " is not the app its value is about");
      }
      return;
    }
    handle(key, input, now);
  }

  /** The input for a keyed record, or null when there is none (or the key does not match). */
  private static PlannerInput input(
      AppKey key, Object value, RecordMetadata origin, String causedBy) {
    if (value == null) {
      return origin.topic().equals(Topics.DEPLOYMENTS.name())
          ? new DeploymentGone(null, "the Deployment was deleted (tombstone)", false, causedBy)
          : null;
    }
    if (value instanceof DeploymentObserved observed) {
      return key.equals(observed.app()) ? new DeploymentSeen(observed, causedBy) : null;
    }
    if (value instanceof DeploymentDeleted deleted) {
      return key.equals(deleted.app())
          ? new DeploymentGone(
              deleted.uid(),
              "the Deployment was deleted (seen by the watcher at " + deleted.observedAt() + ")",
              false,
              causedBy)
          : null;
    }
    if (value instanceof ActionResult result) {
      return key.equals(result.app()) ? new ResultReceived(result, causedBy) : null;
    }
    if (value instanceof TimerFired timer) {
      return key.equals(timer.app()) ? new TimerElapsed(timer, causedBy) : null;
    }
    return null;
  }

  private void handle(AppKey key, PlannerInput input, Instant now) {
    AppState before = apps.get(key);
    Step step = planner.step(before == null ? AppState.empty(key) : before, input, now);
    for (Action action : step.decisions().actions()) {
      context.forward(OutputRecords.action(action, now), PlannerTopology.actionSink(action.kind()));
      LOG.info(
          "{} {}: {} attempt {} ({}): {}",
          key,
          action.kind(),
          action.actionType(),
          action.attempt(),
          action.actionId(),
          action.reason());
    }
    for (PlannedTimer timer : step.decisions().cancel()) {
      timers.delete(TimerEntry.of(key, timer).key());
    }
    for (PlannedTimer timer : step.decisions().schedule()) {
      TimerEntry entry = TimerEntry.of(key, timer);
      timers.put(entry.key(), entry);
      LOG.debug("{}: {} timer set for {}", key, timer.kind(), timer.dueAt());
    }
    if (step.decisions().forget()) {
      forget(key, before, step, input, now);
    } else {
      apps.put(key, step.state());
      if (step.statusChanged()) {
        AppStatus status = step.decisions().status();
        statuses.put(key, status);
        context.forward(
            OutputRecords.status(status, input.causedBy(), now), PlannerTopology.STATUS_SINK);
      }
    }
    if (step.decisions().actions().isEmpty()) {
      LOG.debug("{}: nothing to do ({})", key, step.decisions().notes());
    }
    listener.onStep(key, input, step);
  }

  /**
   * Removes a done-with app's state and status. The final status (the last resource deleted, {@code
   * Ready=False/TornDown}) is published before the tombstone, so that the watcher, which compares
   * each status with the one before, still tells the last steps as Events.
   */
  private void forget(AppKey key, AppState before, Step step, PlannerInput input, Instant now) {
    if (before == null) {
      return;
    }
    for (PlannedTimer timer : before.timers()) {
      timers.delete(TimerEntry.of(key, timer).key());
    }
    apps.delete(key);
    if (statuses.delete(key) != null) {
      if (step.statusChanged()) {
        context.forward(
            OutputRecords.status(step.decisions().status(), input.causedBy(), now),
            PlannerTopology.STATUS_SINK);
      }
      context.forward(new Record<>(key, null, now.toEpochMilli()), PlannerTopology.STATUS_SINK);
    }
    LOG.info("{}: nothing left to manage, its state and status are removed", key);
  }

  // ---- snapshots: infer deletions, behind the mass-deletion guard ----

  private void snapshot(
      SnapshotComplete chunk,
      RecordMetadata origin,
      String causedBy,
      Instant now,
      Record<Object, Object> record) {
    if (chunk.partition() != origin.partition()) {
      deadLetter(
          record,
          origin,
          "WRONG_PARTITION",
          "a snapshot of partition " + chunk.partition() + " was written to " + origin.partition());
      return;
    }
    SnapshotProgress progress = snapshots.get(chunk.cluster());
    if (progress == null || !progress.snapshotId().equals(chunk.snapshotId())) {
      if (progress != null && chunk.observedAt().isBefore(progress.observedAt())) {
        LOG.info(
            "Ignoring a chunk of snapshot {} of cluster {}: snapshot {} is newer",
            chunk.snapshotId(),
            chunk.cluster(),
            progress.snapshotId());
        return;
      }
      progress = SnapshotProgress.start(chunk);
    }
    progress = progress.with(chunk);
    if (!progress.complete()) {
      snapshots.put(chunk.cluster(), progress);
      return;
    }
    snapshots.delete(chunk.cluster());
    SnapshotJudge.PartitionCount count =
        SnapshotJudge.count(
            chunk.cluster(),
            progress.scope(),
            progress.observedAt(),
            Set.copyOf(progress.keys()),
            knownApps(chunk.cluster()));
    LOG.info(
        "Snapshot {} of cluster {} complete in partition {}: {} listed, {} in scope here, {} no"
            + " longer listed; waiting for the count of every partition",
        progress.snapshotId(),
        chunk.cluster(),
        origin.partition(),
        progress.keys().size(),
        count.inScope(),
        count.missing().size());
    pendingDeletions.put(
        chunk.cluster(),
        new PendingDeletions(
            progress.snapshotId(), progress.observedAt(), count.missing(), causedBy));
    GuardMessage.PartitionTally tally =
        new GuardMessage.PartitionTally(
            GuardMessage.SCHEMA_VERSION,
            chunk.cluster(),
            progress.snapshotId(),
            progress.observedAt(),
            origin.partition(),
            deploymentPartitions,
            count.inScope(),
            count.missing().size());
    context.forward(
        new Record<Object, Object>(chunk.cluster(), GuardMessage.of(tally), now.toEpochMilli()),
        PlannerTopology.GUARD_TALLY_SINK);
  }

  /** One partition's count, in the task that counts its cluster's: decide once all are in. */
  private void tally(GuardMessage.PartitionTally tally, Instant now) {
    ScopeTally before = tallies.get(tally.cluster());
    ScopeTally after =
        ScopeTally.fold(
            before,
            tally.snapshotId(),
            tally.listedAt(),
            tally.partitionCount(),
            tally.partition(),
            new ScopeTally.Counts(tally.inScope(), tally.missing()));
    if (!after.readyToDecide()) {
      if (!after.equals(before)) {
        tallies.put(tally.cluster(), after);
      }
      return;
    }
    ScopeTally.Decision decision = after.decide(tally.cluster(), planner.policy().deletionGuard());
    tallies.put(tally.cluster(), after.asDecided());
    if (decision.hold()) {
      LOG.warn("{}", decision.message());
    } else {
      LOG.info("{}", decision.message());
    }
    GuardMessage.ScopeVerdict verdict =
        new GuardMessage.ScopeVerdict(
            GuardMessage.SCHEMA_VERSION,
            tally.cluster(),
            tally.snapshotId(),
            decision.hold(),
            decision.inScope(),
            decision.missing(),
            decision.message());
    context.forward(
        new Record<Object, Object>(tally.cluster(), GuardMessage.of(verdict), now.toEpochMilli()),
        PlannerTopology.GUARD_VERDICT_SINK);
  }

  /** The verdict on a scope, in every partition: delete this partition's candidates, or hold. */
  private void verdict(GuardMessage.ScopeVerdict verdict, Instant now) {
    PendingDeletions pending = pendingDeletions.get(verdict.cluster());
    if (pending == null || !pending.snapshotId().equals(verdict.snapshotId())) {
      LOG.debug(
          "Verdict on snapshot {} of cluster {}: nothing of it is pending here",
          verdict.snapshotId(),
          verdict.cluster());
      return;
    }
    pendingDeletions.delete(verdict.cluster());
    List<AppKey> deleted = new ArrayList<>();
    List<AppKey> held = new ArrayList<>();
    for (AppKey app : pending.candidates()) {
      AppState state = apps.get(app);
      if (state == null
          || state.deployment() == null
          || !SnapshotJudge.stillMissing(
              new SnapshotJudge.KnownApp(
                  app, state.deployment().present(), state.deployment().observedAt()),
              pending.listedAt())) {
        continue; // seen again, or deleted, while the partitions were counted
      }
      if (verdict.hold()) {
        held.add(app);
        handle(
            app,
            new DeletionHeld(verdict.snapshotId(), verdict.message(), pending.causedBy()),
            now);
      } else {
        deleted.add(app);
        handle(
            app,
            new DeploymentGone(
                null,
                "the Deployment is missing from snapshot "
                    + verdict.snapshotId()
                    + " of cluster "
                    + verdict.cluster()
                    + " (listed at "
                    + pending.listedAt()
                    + "; "
                    + verdict.missing()
                    + " of the scope's "
                    + verdict.inScope()
                    + " apps are missing, within the mass-deletion guard's share)",
                true,
                pending.causedBy()),
            now);
      }
    }
    listener.onSnapshot(
        verdict.cluster(),
        new SnapshotJudge.Verdict(
            deleted, held, verdict.inScope(), verdict.hold() ? verdict.message() : null));
  }

  private List<SnapshotJudge.KnownApp> knownApps(String cluster) {
    List<SnapshotJudge.KnownApp> known = new ArrayList<>();
    try (KeyValueIterator<AppKey, AppState> all = apps.all()) {
      while (all.hasNext()) {
        KeyValue<AppKey, AppState> entry = all.next();
        AppState state = entry.value;
        if (!entry.key.cluster().equals(cluster) || state.deployment() == null) {
          continue;
        }
        known.add(
            new SnapshotJudge.KnownApp(
                entry.key, state.deployment().present(), state.deployment().observedAt()));
      }
    }
    return known;
  }

  // ---- timers ----

  private void fireDueTimers(long wallClockMillis) {
    if (!resumeChecked) {
      resumeChecked = true;
      if (!planner.policy().pauseAll()) {
        firePausedByPlanner(wallClockMillis);
      }
    }
    List<KeyValue<String, TimerEntry>> due = new ArrayList<>();
    try (KeyValueIterator<String, TimerEntry> range =
        timers.range(TimerEntry.firstKey(), TimerEntry.lastKeyDueBy(wallClockMillis))) {
      while (range.hasNext() && due.size() < MAX_TIMERS_PER_TICK) {
        due.add(range.next());
      }
    }
    fire(due, wallClockMillis);
  }

  private void fire(List<KeyValue<String, TimerEntry>> due, long wallClockMillis) {
    Instant firedAt = Instant.ofEpochMilli(wallClockMillis);
    for (KeyValue<String, TimerEntry> entry : due) {
      timers.delete(entry.key);
      TimerEntry timer = entry.value;
      TimerFired record =
          TimerFired.of(timer.app(), timer.kind(), timer.actionId(), timer.dueAt(), firedAt);
      context.forward(OutputRecords.timer(record), PlannerTopology.TIMERS_SINK);
      LOG.debug("{}: {} timer due at {} fired", timer.app(), timer.kind(), timer.dueAt());
      listener.onTimerFired(record);
    }
  }

  /**
   * Once per task start without the global pause switch: fires at once the timer of every app whose
   * last status says the switch paused it, so that everything that changed during the pause is
   * planned now rather than when its timer comes due. The firings are timer records like any other,
   * so a replay sees them.
   */
  private void firePausedByPlanner(long wallClockMillis) {
    List<KeyValue<String, TimerEntry>> paused = new ArrayList<>();
    try (KeyValueIterator<String, TimerEntry> all = timers.all()) {
      while (all.hasNext()) {
        KeyValue<String, TimerEntry> entry = all.next();
        if (entry.value.kind() == TimerKind.DRIFT_CHECK
            && pausedByPlanner(statuses.get(entry.value.app()))) {
          paused.add(entry);
        }
      }
    }
    if (!paused.isEmpty()) {
      LOG.info(
          "The global pause switch is off again: planning {} apps it had paused", paused.size());
    }
    fire(paused, wallClockMillis);
  }

  private static boolean pausedByPlanner(AppStatus status) {
    return status != null
        && status.paused()
        && status.conditions().stream()
            .anyMatch(
                condition ->
                    condition.type().equals(StatusConditions.PAUSED)
                        && condition.reason().equals(StatusConditions.PAUSED_BY_PLANNER));
  }

  // ---- records that can be read but not used ----

  @SuppressWarnings("unchecked")
  private void deadLetter(
      Record<Object, Object> record, RecordMetadata origin, String reason, String message) {
    Topic<AppKey, Object> topic = (Topic<AppKey, Object>) topicOf(origin.topic());
    byte[] key = topic.keySerde().serializer().serialize(origin.topic(), (AppKey) record.key());
    byte[] value = topic.valueSerde().serializer().serialize(origin.topic(), record.value());
    DeadLetter.Info info =
        new DeadLetter.Info(
            reason,
            message,
            origin.topic(),
            origin.partition(),
            origin.offset(),
            PlannerDeadLetters.STAGE);
    LOG.warn(
        "Record at {}-{}@{} goes to the dead-letter topic: {}: {}",
        origin.topic(),
        origin.partition(),
        origin.offset(),
        reason,
        message);
    context.forward(
        OutputRecords.deadLetter(
            DeadLetter.of(info, key, value, record.headers()), record.timestamp()),
        PlannerTopology.DLQ_SINK);
    listener.onDeadLetter(reason);
  }

  private static Topic<AppKey, ?> topicOf(String name) {
    if (name.equals(Topics.RESULTS.name())) {
      return Topics.RESULTS;
    }
    if (name.equals(Topics.TIMERS.name())) {
      return Topics.TIMERS;
    }
    return Topics.DEPLOYMENTS;
  }
}
