package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A planner timer fired. Written to {@code opstream.timers} so a replay can explain what happened
 * when it fired (for example a deletion at the end of a grace period).
 *
 * @param app the app the timer belongs to
 * @param timer why the timer was set
 * @param actionId the action it concerns, if any (absent for an app-wide drift check)
 * @param dueAt when the timer was due
 * @param firedAt when the punctuator fired it (at or after {@code dueAt})
 */
public record TimerFired(
    @JsonProperty(required = true) int schemaVersion,
    AppKey app,
    TimerKind timer,
    String actionId,
    Instant dueAt,
    Instant firedAt)
    implements VersionedRecord {

  public static final int SCHEMA_VERSION = 1;

  public TimerFired {
    Checks.schemaVersion(schemaVersion, SCHEMA_VERSION, "TimerFired");
    Checks.required(app, "app");
    Checks.required(timer, "timer");
    Checks.optionalText(actionId, "actionId");
    Checks.required(dueAt, "dueAt");
    Checks.required(firedAt, "firedAt");
  }

  public static TimerFired of(
      AppKey app, TimerKind timer, String actionId, Instant dueAt, Instant firedAt) {
    return new TimerFired(SCHEMA_VERSION, app, timer, actionId, dueAt, firedAt);
  }
}
