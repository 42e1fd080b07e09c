package dev.opstream.topics.records;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every record type written to an opstream topic, with its CloudEvents type and the newest schema
 * version this code writes and reads. The CloudEvents type is the prefix plus {@code .v<version>},
 * e.g. {@code dev.opstream.deployment.observed.v1}.
 */
public final class RecordTypes {

  /**
   * One record type.
   *
   * @param javaType the record class
   * @param cloudEventPrefix the CloudEvents type without its version suffix
   * @param currentVersion the schema version this code writes; it reads every version up to it
   */
  public record RecordType(
      Class<? extends VersionedRecord> javaType, String cloudEventPrefix, int currentVersion) {

    /** The CloudEvents type of this record written with {@code schemaVersion}. */
    public String cloudEventType(int schemaVersion) {
      return cloudEventPrefix + ".v" + schemaVersion;
    }
  }

  private static final List<RecordType> ALL =
      List.of(
          new RecordType(
              DeploymentObserved.class,
              "dev.opstream.deployment.observed",
              DeploymentObserved.SCHEMA_VERSION),
          new RecordType(
              DeploymentDeleted.class,
              "dev.opstream.deployment.deleted",
              DeploymentDeleted.SCHEMA_VERSION),
          new RecordType(
              SnapshotComplete.class,
              "dev.opstream.deployment.snapshot-complete",
              SnapshotComplete.SCHEMA_VERSION),
          new RecordType(TimerFired.class, "dev.opstream.timer.fired", TimerFired.SCHEMA_VERSION),
          new RecordType(
              EnsureBucket.class, "dev.opstream.action.bucket.ensure", EnsureBucket.SCHEMA_VERSION),
          new RecordType(
              DeleteBucket.class, "dev.opstream.action.bucket.delete", DeleteBucket.SCHEMA_VERSION),
          new RecordType(
              EnsureRedis.class, "dev.opstream.action.redis.ensure", EnsureRedis.SCHEMA_VERSION),
          new RecordType(
              DeleteRedis.class, "dev.opstream.action.redis.delete", DeleteRedis.SCHEMA_VERSION),
          new RecordType(
              EnsureBackupCronJob.class,
              "dev.opstream.action.cronjob.ensure",
              EnsureBackupCronJob.SCHEMA_VERSION),
          new RecordType(
              DeleteBackupCronJob.class,
              "dev.opstream.action.cronjob.delete",
              DeleteBackupCronJob.SCHEMA_VERSION),
          new RecordType(Observe.class, "dev.opstream.action.observe", Observe.SCHEMA_VERSION),
          new RecordType(
              ActionResult.class, "dev.opstream.action.result", ActionResult.SCHEMA_VERSION),
          new RecordType(AppStatus.class, "dev.opstream.app.status", AppStatus.SCHEMA_VERSION));

  private static final Map<Class<?>, RecordType> BY_CLASS =
      ALL.stream().collect(Collectors.toUnmodifiableMap(RecordType::javaType, Function.identity()));

  private RecordTypes() {}

  public static Collection<RecordType> all() {
    return ALL;
  }

  /**
   * The record type of {@code javaType}.
   *
   * @throws IllegalArgumentException when it is not an opstream record type
   */
  public static RecordType of(Class<?> javaType) {
    RecordType type = BY_CLASS.get(javaType);
    if (type == null) {
      throw new IllegalArgumentException(javaType.getName() + " is not an opstream record type");
    }
    return type;
  }

  /** Whether {@code javaType} is a concrete opstream record type. */
  public static boolean isRecordType(Class<?> javaType) {
    return BY_CLASS.containsKey(javaType);
  }

  /** The CloudEvents type of {@code value}, e.g. {@code dev.opstream.deployment.observed.v1}. */
  public static String cloudEventType(VersionedRecord value) {
    return of(value.getClass()).cloudEventType(value.schemaVersion());
  }
}
