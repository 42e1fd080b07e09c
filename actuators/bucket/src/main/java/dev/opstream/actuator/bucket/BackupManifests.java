package dev.opstream.actuator.bucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstream.topics.serde.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Finds the newest good backup in an app's bucket, for the planner's {@code BackupOverdue}
 * condition.
 *
 * <p>The format is read loosely, as the backup tool may change it: a backup is described by an
 * object under {@value #PREFIX} whose key ends with {@value #SUFFIX}, holding a JSON object. Its
 * time is the first of {@code endedAt}, {@code completedAt}, {@code finishedAt} that is an ISO-8601
 * instant, else the object's last-modified time. It is good unless it has a {@code status} (or
 * {@code state}) other than {@code ok}, {@code success}, {@code succeeded}, {@code complete} or
 * {@code completed} (any case). Manifests that are not JSON are skipped. The newest manifests are
 * read first, and at most {@value #MAX_READS} of them.
 */
final class BackupManifests {

  static final String PREFIX = "backups/";
  static final String SUFFIX = "manifest.json";
  static final int MAX_READS = 10;

  private static final List<String> TIME_FIELDS = List.of("endedAt", "completedAt", "finishedAt");
  private static final List<String> STATUS_FIELDS = List.of("status", "state");
  private static final Set<String> GOOD =
      Set.of("ok", "success", "succeeded", "complete", "completed");

  /**
   * The newest good backup.
   *
   * @param manifest the manifest's key
   * @param endedAt when the backup ended
   */
  record Backup(String manifest, Instant endedAt) {}

  private final Buckets buckets;
  private final ObjectMapper json = Json.newMapper();

  BackupManifests(Buckets buckets) {
    this.buckets = buckets;
  }

  Optional<Backup> newest(String bucket) {
    List<S3Object> manifests =
        buckets.list(bucket, PREFIX).stream()
            .filter(object -> object.key().endsWith(SUFFIX))
            .sorted(Comparator.comparing(S3Object::lastModified).reversed())
            .limit(MAX_READS)
            .toList();
    return manifests.stream()
        .map(object -> read(bucket, object))
        .flatMap(Optional::stream)
        .max(Comparator.comparing(Backup::endedAt));
  }

  private Optional<Backup> read(String bucket, S3Object object) {
    Optional<byte[]> content = buckets.read(bucket, object.key());
    if (content.isEmpty()) {
      return Optional.empty();
    }
    JsonNode manifest;
    try {
      manifest = json.readTree(content.get());
    } catch (IOException e) {
      return Optional.empty();
    }
    if (manifest == null || !manifest.isObject() || !good(manifest)) {
      return Optional.empty();
    }
    Instant endedAt =
        TIME_FIELDS.stream()
            .map(manifest::get)
            .map(BackupManifests::instant)
            .flatMap(Optional::stream)
            .findFirst()
            .orElse(object.lastModified());
    return Optional.of(new Backup(object.key(), endedAt));
  }

  private static boolean good(JsonNode manifest) {
    return STATUS_FIELDS.stream()
        .map(manifest::get)
        .filter(status -> status != null && status.isTextual())
        .findFirst()
        .map(status -> GOOD.contains(status.asText().toLowerCase(Locale.ROOT)))
        .orElse(true);
  }

  private static Optional<Instant> instant(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value.asText()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
