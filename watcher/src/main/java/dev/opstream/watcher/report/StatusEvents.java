package dev.opstream.watcher.report;

import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppStatus;
import dev.opstream.topics.records.Condition;
import dev.opstream.topics.records.ConditionStatus;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.ResourceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which Kubernetes Events one status change deserves. Pure: compares the status the watcher saw
 * before with the new one and names each transition:
 *
 * <ul>
 *   <li>enabled or disabled, paused or resumed;
 *   <li>per resource, what was observed: created ({@code BucketCreated}, {@code RedisInstalled},
 *       {@code BackupCronJobCreated}), changed, deleted; and a new failed outcome ({@code
 *       BucketFailed}...) as a Warning;
 *   <li>each condition whose status or reason changed, with the planner's reason and message (a bad
 *       annotation value is {@code AnnotationsValid=False}: a Warning with the planner's message; a
 *       ready app that is no longer ready is a Warning, unless it was disabled and is being torn
 *       down, which is a normal step);
 *   <li>a new last error not already told by one of the above, as a Warning.
 * </ul>
 *
 * <p>A condition first seen in its healthy state (annotations valid, no deletion held, not paused,
 * backups not overdue or not checked yet) says nothing; overdue backups are a Warning.
 */
public final class StatusEvents {

  private StatusEvents() {}

  /** The events for going from {@code previous} (null: none seen yet) to {@code current}. */
  public static List<EventNote> between(AppStatus previous, AppStatus current) {
    List<EventNote> notes = new ArrayList<>();
    boolean wasEnabled = previous != null && previous.enabled();
    boolean wasPaused = previous != null && previous.paused();
    if (!wasEnabled && current.enabled()) {
      notes.add(
          EventNote.normal(
              "Enabled", "opstream manages this app: a bucket, a Redis and a backup CronJob"));
    } else if (wasEnabled && !current.enabled()) {
      notes.add(
          EventNote.normal(
              "Disabled",
              "opstream.dev/enabled is no longer \"true\": opstream tears down what it created"));
    }
    if (!wasPaused && current.paused()) {
      notes.add(EventNote.normal("Paused", "opstream.dev/paused is \"true\": nothing is planned"));
    } else if (wasPaused && !current.paused()) {
      notes.add(EventNote.normal("Resumed", "opstream.dev/paused was removed: planning resumes"));
    }
    for (ActionKind kind : ActionKind.values()) {
      ResourceStatus before = previous == null ? null : previous.resources().get(kind);
      ResourceStatus after = current.resources().get(kind);
      if (after != null) {
        resourceNotes(kind, before, after, current.lastError(), notes);
      }
    }
    for (Condition condition : current.conditions()) {
      Condition before = previous == null ? null : find(previous.conditions(), condition.type());
      conditionNote(before, condition, current.enabled()).ifPresent(notes::add);
    }
    String lastError = current.lastError();
    if (lastError != null
        && !lastError.equals(previous == null ? null : previous.lastError())
        && notes.stream().noneMatch(note -> note.message().contains(lastError))) {
      notes.add(EventNote.warning("OpstreamError", lastError));
    }
    return notes;
  }

  private static void resourceNotes(
      ActionKind kind,
      ResourceStatus before,
      ResourceStatus after,
      String lastError,
      List<EventNote> notes) {
    ResourceState was = before == null ? null : before.observed();
    ResourceState now = after.observed();
    boolean existed = was != null && was.exists();
    boolean exists = now != null && now.exists();
    String what = what(kind);
    if (!existed && exists) {
      notes.add(EventNote.normal(reason(kind, "created"), what + " created" + details(now)));
    } else if (existed && exists && !was.attributes().equals(now.attributes())) {
      notes.add(EventNote.normal(reason(kind, "updated"), what + " updated" + details(now)));
    } else if (existed && now != null && !now.exists()) {
      notes.add(EventNote.normal(reason(kind, "deleted"), what + " deleted"));
    }
    Outcome outcome = after.lastOutcome();
    boolean newOutcome =
        before == null
            || before.lastOutcome() != outcome
            || !Objects.equals(before.lastActionId(), after.lastActionId());
    if (outcome != null && !outcome.succeeded() && newOutcome) {
      String retry =
          outcome == Outcome.FAILED_RETRYABLE ? "will be retried" : "will not be retried";
      notes.add(
          EventNote.warning(
              reason(kind, "failed"),
              what + " action failed and " + retry + (lastError != null ? ": " + lastError : "")));
    }
  }

  private static Optional<EventNote> conditionNote(
      Condition before, Condition now, boolean enabled) {
    boolean changed =
        before == null || before.status() != now.status() || !before.reason().equals(now.reason());
    if (!changed) {
      return Optional.empty();
    }
    boolean problem =
        (now.type().equals(Condition.ANNOTATIONS_VALID) && now.status() == ConditionStatus.FALSE)
            || (now.type().equals(Condition.DELETION_HELD) && now.status() == ConditionStatus.TRUE)
            || (now.type().equals(Condition.BACKUP_OVERDUE) && now.status() == ConditionStatus.TRUE)
            || (now.type().equals(Condition.READY)
                && enabled
                && now.status() == ConditionStatus.FALSE
                && before != null
                && before.status() == ConditionStatus.TRUE);
    boolean healthyFirstSight =
        before == null
            && ((now.type().equals(Condition.ANNOTATIONS_VALID)
                    && now.status() == ConditionStatus.TRUE)
                || (now.type().equals(Condition.DELETION_HELD)
                    && now.status() == ConditionStatus.FALSE)
                || (now.type().equals(Condition.PAUSED) && now.status() == ConditionStatus.FALSE)
                || (now.type().equals(Condition.BACKUP_OVERDUE)
                    && now.status() != ConditionStatus.TRUE));
    if (healthyFirstSight) {
      return Optional.empty();
    }
    String status = now.status().name();
    String message =
        now.message() != null
            ? now.message()
            : now.type() + " is " + status.charAt(0) + status.substring(1).toLowerCase(Locale.ROOT);
    return Optional.of(
        new EventNote(problem ? EventNote.WARNING : EventNote.NORMAL, now.reason(), message));
  }

  private static Condition find(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }

  private static String what(ActionKind kind) {
    return switch (kind) {
      case BUCKET -> "S3 bucket";
      case REDIS -> "Redis release";
      case CRONJOB -> "Backup CronJob";
    };
  }

  private static String reason(ActionKind kind, String change) {
    return switch (kind) {
      case BUCKET -> "Bucket" + verb(change, "Created", "Updated", "Deleted");
      case REDIS -> "Redis" + verb(change, "Installed", "Upgraded", "Uninstalled");
      case CRONJOB -> "BackupCronJob" + verb(change, "Created", "Updated", "Deleted");
    };
  }

  private static String verb(String change, String created, String updated, String deleted) {
    return switch (change) {
      case "created" -> created;
      case "updated" -> updated;
      case "deleted" -> deleted;
      default -> "Failed";
    };
  }

  private static String details(ResourceState state) {
    Map<String, String> attributes = state.attributes();
    if (attributes.isEmpty()) {
      return "";
    }
    return attributes.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(", ", " (", ")"));
  }
}
