package dev.opstream.backup.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a finished backup holds, written as {@code manifest.json} after its data object: a backup
 * without one was never finished and is never restored.
 *
 * @param formatVersion the manifest and data format, {@link #FORMAT_VERSION} when written
 * @param id the backup's id
 * @param mode how it was taken
 * @param redisVersion the source server's version ({@code unknown} when it would not say)
 * @param databases the logical databases that held keys
 * @param keys how many keys the backup holds; for {@code rdb} the server's count just before the
 *     snapshot
 * @param uncompressedBytes the data's size before compression
 * @param bytes the data object's size (compressed)
 * @param sha256 the SHA-256 of the data object, lower-case hex
 * @param started when the backup started
 * @param finished when its data object was complete
 * @param tool the opstream version that wrote it
 */
public record Manifest(
    int formatVersion,
    BackupId id,
    BackupMode mode,
    String redisVersion,
    List<Integer> databases,
    long keys,
    long uncompressedBytes,
    long bytes,
    String sha256,
    Instant started,
    Instant finished,
    String tool) {

  /** The format this version writes, and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  public Manifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(redisVersion, "redisVersion");
    databases = List.copyOf(databases);
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(finished, "finished");
    Objects.requireNonNull(tool, "tool");
    if (keys < 0 || bytes < 0 || uncompressedBytes < 0) {
      throw new IllegalArgumentException("keys and sizes must not be negative");
    }
  }

  /** The data object's name inside the backup's folder. */
  public String dataObject() {
    return mode.dataObject();
  }
}
