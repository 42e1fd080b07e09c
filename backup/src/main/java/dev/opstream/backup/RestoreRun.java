package dev.opstream.backup;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.opstream.backup.format.KeyStreamReader;
import dev.opstream.backup.format.MeteredInputStream;
import dev.opstream.backup.progress.Progress;
import dev.opstream.backup.progress.ProgressFactory;
import dev.opstream.backup.progress.ProgressFactory.Unit;
import dev.opstream.backup.redis.RedisSession;
import dev.opstream.backup.redis.RedisTarget;
import dev.opstream.backup.redis.ReplicaFeed;
import dev.opstream.backup.redis.ScanRestore;
import dev.opstream.backup.store.BackupEntry;
import dev.opstream.backup.store.BackupId;
import dev.opstream.backup.store.BackupMode;
import dev.opstream.backup.store.BackupStore;
import dev.opstream.backup.store.Manifest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore: pick a good backup (the newest, or the one named), stream its data object back into
 * Redis, then check that what was read matches the manifest's size and SHA-256.
 *
 * <ul>
 *   <li>{@code scan} backups: {@code RESTORE ... ABSTTL REPLACE}, pipelined; with {@code flush} the
 *       target is emptied first, without it the backup's keys are merged into what is there.
 *   <li>{@code rdb} backups replace the whole data set and so require {@code flush}: see {@link
 *       ReplicaFeed}.
 * </ul>
 */
public final class RestoreRun {

  private static final Logger LOG = LoggerFactory.getLogger(RestoreRun.class);
  private static final int BUFFER = 128 * 1024;

  private final BackupStore store;
  private final RedisTarget redis;
  private final ProgressFactory progress;
  private final Clock clock;

  /**
   * What to restore and how.
   *
   * @param backup the backup to restore, empty for the newest good one
   * @param flush empty the target first (required for rdb backups)
   * @param feed how to serve an rdb backup to the target
   */
  public record Options(Optional<BackupId> backup, boolean flush, ReplicaFeed.Options feed) {}

  /**
   * What a restore did.
   *
   * @param manifest the restored backup's manifest
   * @param keys keys restored (scan: sent; rdb: the target's key count afterwards)
   * @param expired keys not created because their time to live had ended (scan)
   * @param took how long it took
   */
  public record Result(Manifest manifest, long keys, long expired, Duration took) {}

  public RestoreRun(BackupStore store, RedisTarget redis, ProgressFactory progress, Clock clock) {
    this.store = store;
    this.redis = redis;
    this.progress = progress;
    this.clock = clock;
  }

  public Result run(Options options) {
    Instant started = clock.instant();
    store.requireBucket();
    BackupEntry entry =
        options
            .backup()
            .map(store::good)
            .or(store::latestGood)
            .orElseThrow(
                () ->
                    new BackupException(
                        ExitCode.NO_BACKUP, "there is no good backup in " + store.location()));
    Manifest manifest = entry.goodManifest();
    if (manifest.mode() == BackupMode.RDB && !options.flush()) {
      throw new BackupException(
          ExitCode.USAGE,
          "backup "
              + manifest.id()
              + " is an rdb snapshot, which replaces the whole data set: add --flush");
    }
    LOG.info(
        "Restoring backup {} ({}, {} keys) from {} into {}{}",
        manifest.id(),
        manifest.mode().label(),
        manifest.keys(),
        store.location(),
        redis.display(),
        options.flush() ? ", emptied first" : "");
    try {
      Result result =
          manifest.mode() == BackupMode.SCAN
              ? restoreScan(entry, manifest, options.flush(), started)
              : restoreRdb(entry, manifest, options.feed(), started);
      LOG.info(
          "Restored backup {}: {} keys in {} s",
          manifest.id(),
          result.keys(),
          result.took().toMillis() / 1000.0);
      return result;
    } catch (IOException e) {
      throw IoErrors.translate(e, "cannot restore backup " + manifest.id());
    }
  }

  private Result restoreScan(BackupEntry entry, Manifest manifest, boolean flush, Instant started)
      throws IOException {
    try (RedisSession session = RedisSession.connect(redis);
        MeteredInputStream data = new MeteredInputStream(store.openData(entry));
        InputStream keys = decompressed(data)) {
      ScanRestore restore = new ScanRestore(session, clock);
      if (flush) {
        restore.flushAll();
      }
      Progress shown = progress.start("restore " + manifest.id(), Unit.KEYS, manifest.keys());
      ScanRestore.Restored restored;
      try {
        restored = restore.restore(new KeyStreamReader(keys), shown, data::count);
      } finally {
        shown.finish();
      }
      verify(manifest, data);
      if (restored.keys() != manifest.keys()) {
        throw new BackupException(
            ExitCode.BACKUP_DAMAGED,
            "backup "
                + manifest.id()
                + " holds "
                + restored.keys()
                + " keys, its manifest says "
                + manifest.keys());
      }
      return new Result(
          manifest,
          restored.keys(),
          restored.expired(),
          Duration.between(started, clock.instant()));
    }
  }

  private Result restoreRdb(
      BackupEntry entry, Manifest manifest, ReplicaFeed.Options feed, Instant started)
      throws IOException {
    try (MeteredInputStream data = new MeteredInputStream(store.openData(entry));
        InputStream snapshot = decompressed(data)) {
      Progress shown =
          progress.start("restore " + manifest.id(), Unit.BYTES, manifest.uncompressedBytes());
      long keys;
      try {
        keys = new ReplicaFeed(redis, feed).restore(snapshot, shown);
      } finally {
        shown.finish();
      }
      verify(manifest, data);
      return new Result(manifest, keys, 0, Duration.between(started, clock.instant()));
    }
  }

  private static InputStream decompressed(InputStream compressed) throws IOException {
    return new BufferedInputStream(new ZstdInputStreamNoFinalizer(compressed), BUFFER);
  }

  /** Checks the data object read against the manifest (after reading any bytes left). */
  private static void verify(Manifest manifest, MeteredInputStream data) throws IOException {
    data.readToEnd();
    String sha256 = data.sha256();
    if (data.count() != manifest.bytes() || !sha256.equals(manifest.sha256())) {
      throw new BackupException(
          ExitCode.BACKUP_DAMAGED,
          "backup "
              + manifest.id()
              + " read "
              + data.count()
              + " bytes with SHA-256 "
              + sha256
              + ", its manifest says "
              + manifest.bytes()
              + " bytes, "
              + manifest.sha256()
              + ": what was restored may be incomplete");
    }
  }
}
