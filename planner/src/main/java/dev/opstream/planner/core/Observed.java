package dev.opstream.planner.core;

import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.TimerKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The observed side of an app, as {@link Planner#plan} takes it: what the actuators reported, the
 * timers that are set, and the record being handled.
 *
 * @param resources per kind of resource, the last action and what came back
 * @param timers the timers set and not yet read back
 * @param teardownSince when the app stopped being live; null while live
 * @param graceElapsed whether the current teardown's grace period has ended
 * @param driftCheckDue whether a drift check is to be planned now
 * @param previousStatus the status last published, null if none
 * @param causedBy the CloudEvents id of the record being handled: the cause of any action now
 * @param backups what is known of the app's backups
 */
public record Observed(
    Map<ActionKind, ResourceTrack> resources,
    List<PlannedTimer> timers,
    Instant teardownSince,
    boolean graceElapsed,
    boolean driftCheckDue,
    AppStatus previousStatus,
    String causedBy,
    BackupEvidence backups) {

  public Observed {
    resources = Map.copyOf(resources);
    timers = List.copyOf(timers);
    Objects.requireNonNull(causedBy, "causedBy");
    backups = backups == null ? BackupEvidence.NONE : backups;
  }

  boolean hasTimer(TimerKind kind, String actionId) {
    return timers.stream()
        .anyMatch(timer -> timer.kind() == kind && Objects.equals(timer.actionId(), actionId));
  }
}
