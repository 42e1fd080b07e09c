package dev.opstream.planner.core;

import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.AppStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the planner remembers about one app between two of its records: kept in the topology's
 * {@code planner-apps} store (as JSON), folded and planned by {@link Planner#step}.
 *
 * @param schemaVersion the version of this layout, {@value #SCHEMA_VERSION}
 * @param app the app
 * @param deployment what is known of its Deployment (the desired side); null until first seen
 * @param resources per kind of resource, the last action and what came back (the observed side)
 * @param timers the timers set and not yet read back
 * @param teardownSince when the app stopped being live (disabled or gone); null while live
 * @param graceElapsed whether the grace period of the current teardown has ended (its timer fired)
 * @param driftCheckDue whether a drift-check timer fired and the check is still to be planned
 * @param heldBy the snapshot whose inferred deletion of this app the guard holds; null if none
 * @param heldMessage why the deletion is held, for the status
 * @param status the status last published
 * @param backups what is known of the app's backups (absent in states written before it existed)
 */
public record AppState(
    int schemaVersion,
    AppKey app,
    DeploymentView deployment,
    Map<ActionKind, ResourceTrack> resources,
    List<PlannedTimer> timers,
    Instant teardownSince,
    boolean graceElapsed,
    boolean driftCheckDue,
    String heldBy,
    String heldMessage,
    AppStatus status,
    BackupEvidence backups) {

  public static final int SCHEMA_VERSION = 1;

  public AppState {
    Objects.requireNonNull(app, "app");
    EnumMap<ActionKind, ResourceTrack> copy = new EnumMap<>(ActionKind.class);
    if (resources != null) {
      copy.putAll(resources);
    }
    resources = Collections.unmodifiableMap(copy);
    timers = timers == null ? List.of() : List.copyOf(timers);
    backups = backups == null ? BackupEvidence.NONE : backups;
  }

  /** The state of an app the planner has never heard of. */
  public static AppState empty(AppKey app) {
    return new AppState(
        SCHEMA_VERSION,
        app,
        null,
        Map.of(),
        List.of(),
        null,
        false,
        false,
        null,
        null,
        null,
        BackupEvidence.NONE);
  }

  AppState withDeployment(DeploymentView view) {
    return new AppState(
        schemaVersion,
        app,
        view,
        resources,
        timers,
        teardownSince,
        graceElapsed,
        driftCheckDue,
        heldBy,
        heldMessage,
        status,
        backups);
  }

  AppState withHold(String snapshotId, String message) {
    return new AppState(
        schemaVersion,
        app,
        deployment,
        resources,
        timers,
        teardownSince,
        graceElapsed,
        driftCheckDue,
        snapshotId,
        message,
        status,
        backups);
  }

  AppState withTrack(ActionKind kind, ResourceTrack track) {
    EnumMap<ActionKind, ResourceTrack> changed = new EnumMap<>(ActionKind.class);
    changed.putAll(resources);
    changed.put(kind, track);
    return new AppState(
        schemaVersion,
        app,
        deployment,
        changed,
        timers,
        teardownSince,
        graceElapsed,
        driftCheckDue,
        heldBy,
        heldMessage,
        status,
        backups);
  }

  AppState withTimers(List<PlannedTimer> changed) {
    return new AppState(
        schemaVersion,
        app,
        deployment,
        resources,
        changed,
        teardownSince,
        graceElapsed,
        driftCheckDue,
        heldBy,
        heldMessage,
        status,
        backups);
  }

  AppState withTeardown(Instant since, boolean elapsed) {
    return new AppState(
        schemaVersion,
        app,
        deployment,
        resources,
        timers,
        since,
        elapsed,
        driftCheckDue,
        heldBy,
        heldMessage,
        status,
        backups);
  }

  AppState withDriftCheckDue(boolean due) {
    return new AppState(
        schemaVersion,
        app,
        deployment,
        resources,
        timers,
        teardownSince,
        graceElapsed,
        due,
        heldBy,
        heldMessage,
        status,
        backups);
  }

  AppState withStatus(AppStatus published) {
    return new AppState(
        schemaVersion,
        app,
        deployment,
        resources,
        timers,
        teardownSince,
        graceElapsed,
        driftCheckDue,
        heldBy,
        heldMessage,
        published,
        backups);
  }

  AppState withBackups(BackupEvidence learned) {
    return new AppState(
        schemaVersion,
        app,
        deployment,
        resources,
        timers,
        teardownSince,
        graceElapsed,
        driftCheckDue,
        heldBy,
        heldMessage,
        status,
        learned);
  }
}
