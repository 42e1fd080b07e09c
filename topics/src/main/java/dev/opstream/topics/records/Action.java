package dev.opstream.topics.records;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the planner decided to do about one resource of one app; read by the actuator of its {@link
 * #kind()} from {@code opstream.actions.<kind>}. The JSON carries the concrete type in the {@code
 * type} property.
 *
 * <p>{@link #actionId()} is a deterministic hash of the app, the Deployment uid, the action type
 * and the canonical desired spec (see {@link ActionId}); {@link #attempt()} is kept apart, so a
 * retry has the same id. Running an action again is always safe: actuators never skip one because
 * they have seen its id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = EnsureBucket.class, name = "EnsureBucket"),
  @JsonSubTypes.Type(value = DeleteBucket.class, name = "DeleteBucket"),
  @JsonSubTypes.Type(value = EnsureRedis.class, name = "EnsureRedis"),
  @JsonSubTypes.Type(value = DeleteRedis.class, name = "DeleteRedis"),
  @JsonSubTypes.Type(value = EnsureBackupCronJob.class, name = "EnsureBackupCronJob"),
  @JsonSubTypes.Type(value = DeleteBackupCronJob.class, name = "DeleteBackupCronJob"),
  @JsonSubTypes.Type(value = Observe.class, name = "Observe")
})
public sealed interface Action extends VersionedRecord
    permits EnsureBucket,
        DeleteBucket,
        EnsureRedis,
        DeleteRedis,
        EnsureBackupCronJob,
        DeleteBackupCronJob,
        Observe {

  /** Deterministic id: the same decision about the same Deployment always has the same id. */
  String actionId();

  /** 1 for the first run, incremented by the planner for each retry. */
  int attempt();

  AppKey app();

  /** The uid of the Deployment the decision was made for. */
  String deploymentUid();

  /** The CloudEvents id ({@code ce_id}) of the record that caused this decision. */
  String causedBy();

  /** The planner's reason, in words. */
  String reason();

  ActionType actionType();

  /** The kind of resource acted on: selects the topic and the actuator. */
  ActionKind kind();

  /** The same action, to be run as attempt {@code attempt}. */
  Action withAttempt(int attempt);

  /**
   * The same action (same id, same spec) as attempt {@code attempt}, caused by {@code causedBy} for
   * {@code reason}: how the planner retries or re-emits a decision.
   */
  Action reissued(int attempt, String causedBy, String reason);
}
