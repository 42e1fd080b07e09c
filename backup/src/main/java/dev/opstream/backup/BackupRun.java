package dev.opstream.backup;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.opstream.backup.format.CountingOutputStream;
import dev.opstream.backup.format.KeyStreamWriter;
import dev.opstream.backup.progress.Progress;
import dev.opstream.backup.progress.ProgressFactory;
import dev.opstream.backup.progress.ProgressFactory.Unit;
import dev.opstream.backup.redis.RedisInfo;
import dev.opstream.backup.redis.RedisSession;
import dev.opstream.backup.redis.RedisTarget;
import dev.opstream.backup.redis.ReplicationSource;
import dev.opstream.backup.redis.ScanBackup;
import dev.opstream.backup.store.BackupEntry;
import dev.opstream.backup.store.BackupId;
import dev.opstream.backup.store.BackupMode;
import dev.opstream.backup.store.BackupStore;
import dev.opstream.backup.store.Manifest;
import dev.opstream.backup.store.Retention;
import dev.opstream.backup.store.UploadStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backup: Redis → compressed data object → manifest → retention. The data object is streamed
 * (zstd into a multipart upload) and the manifest is written only after it is complete, so a backup
 * that fails or is killed part-way is never taken as good; retention runs only after a backup
 * succeeded.
 */
public final class BackupRun {

  private static final Logger LOG = LoggerFactory.getLogger(BackupRun.class);
  private static final int BUFFER = 128 * 1024;
  private static final int MAX_DATABASES = 1024;

  private final BackupStore store;
  private final RedisTarget redis;
  private final ProgressFactory progress;
  private final Clock clock;
  private final String tool;

  /**
   * What to do.
   *
   * @param mode scan or rdb
   * @param keep how many good backups to keep afterwards, at least 1
   * @param compressionLevel the zstd level, 1 (fast) to 19 (small)
   */
  public record Options(BackupMode mode, int keep, int compressionLevel) {
    public Options {
      if (keep < 1) {
        throw new BackupException(ExitCode.USAGE, "--keep must be at least 1, not " + keep);
      }
      if (compressionLevel < 1 || compressionLevel > 19) {
        throw new BackupException(
            ExitCode.USAGE, "--compression-level must be 1..19, not " + compressionLevel);
      }
    }
  }

  /**
   * What a backup did.
   *
   * @param manifest the new backup's manifest
   * @param deleted the backups retention deleted
   * @param took how long it took, retention included
   */
  public record Result(Manifest manifest, List<BackupId> deleted, Duration took) {}

  public BackupRun(
      BackupStore store, RedisTarget redis, ProgressFactory progress, Clock clock, String tool) {
    this.store = store;
    this.redis = redis;
    this.progress = progress;
    this.clock = clock;
    this.tool = tool;
  }

  public Result run(Options options) {
    Instant started = clock.instant();
    store.requireBucket();
    BackupId id = BackupId.at(started);
    LOG.info(
        "Backup {} of {} to {} ({} mode)",
        id,
        redis.display(),
        store.location(),
        options.mode().label());
    Manifest manifest;
    try {
      manifest =
          options.mode() == BackupMode.SCAN
              ? scan(id, started, options.compressionLevel())
              : rdb(id, started, options.compressionLevel());
    } catch (IOException e) {
      throw failure(e, "back up " + redis.display());
    }
    store.writeManifest(manifest);
    LOG.info(
        "Backup {} is good: {} keys, {} bytes compressed ({} raw)",
        id,
        manifest.keys(),
        manifest.bytes(),
        manifest.uncompressedBytes());
    List<BackupId> deleted = applyRetention(id, options.keep());
    return new Result(manifest, deleted, Duration.between(started, clock.instant()));
  }

  private Manifest scan(BackupId id, Instant started, int level) throws IOException {
    try (RedisSession session = RedisSession.connect(redis)) {
      String version;
      RedisInfo keyspace;
      List<Integer> databases;
      try {
        version = session.info("server").version();
        keyspace = session.info("keyspace");
        databases = new ArrayList<>(keyspace.keyspace().keySet());
      } catch (BackupException e) {
        if (e.exitCode() != ExitCode.ACCESS_DENIED) {
          throw e;
        }
        LOG.warn(
            "Redis refused INFO ({}): backing up every database SELECT accepts", e.getMessage());
        version = "unknown";
        keyspace = RedisInfo.parse("");
        databases = selectableDatabases(session);
      }
      Progress shown = progress.start("backup " + id, Unit.KEYS, keyspace.totalKeys());
      try (UploadStream upload = store.startData(id, BackupMode.SCAN)) {
        Pipe pipe = Pipe.into(upload, level);
        KeyStreamWriter writer = new KeyStreamWriter(pipe.raw);
        long keys;
        try {
          keys = new ScanBackup(session).copy(databases, writer, shown, pipe.compressed::count);
          writer.finish();
        } finally {
          shown.finish();
        }
        UploadStream.Uploaded uploaded = pipe.finish(upload);
        return manifest(id, BackupMode.SCAN, version, databases, keys, pipe, uploaded, started);
      }
    }
  }

  /** Databases 0, 1, ... up to the first that SELECT refuses (when INFO is not allowed). */
  private static List<Integer> selectableDatabases(RedisSession session) {
    List<Integer> databases = new ArrayList<>();
    for (int db = 0; db < MAX_DATABASES; db++) {
      try {
        session.await(session.async().select(db), "SELECT " + db);
      } catch (BackupException e) {
        if (db == 0) {
          throw e;
        }
        break;
      }
      databases.add(db);
    }
    return databases;
  }

  private Manifest rdb(BackupId id, Instant started, int level) throws IOException {
    try (ReplicationSource source = ReplicationSource.connect(redis)) {
      String version = source.info("server").version();
      RedisInfo keyspace = source.info("keyspace");
      List<Integer> databases = new ArrayList<>(keyspace.keyspace().keySet());
      Progress shown = progress.start("backup " + id, Unit.BYTES, 0);
      try (UploadStream upload = store.startData(id, BackupMode.RDB)) {
        Pipe pipe = Pipe.into(upload, level);
        try {
          source.copySnapshot(pipe.raw, shown);
        } finally {
          shown.finish();
        }
        UploadStream.Uploaded uploaded = pipe.finish(upload);
        return manifest(
            id, BackupMode.RDB, version, databases, keyspace.totalKeys(), pipe, uploaded, started);
      }
    }
  }

  private Manifest manifest(
      BackupId id,
      BackupMode mode,
      String version,
      List<Integer> databases,
      long keys,
      Pipe pipe,
      UploadStream.Uploaded uploaded,
      Instant started) {
    return new Manifest(
        Manifest.FORMAT_VERSION,
        id,
        mode,
        version,
        databases,
        keys,
        pipe.raw.count(),
        uploaded.bytes(),
        uploaded.sha256(),
        started,
        clock.instant(),
        tool);
  }

  private List<BackupId> applyRetention(BackupId id, int keep) {
    List<BackupEntry> entries = store.list();
    BackupEntry written = entries.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    if (written == null || !written.isGood()) {
      throw new BackupException(
          ExitCode.FAILED,
          "backup "
              + id
              + " was written but the bucket does not list it as good"
              + (written == null ? "" : written.problem().map(p -> ": " + p).orElse(""))
              + "; retention skipped");
    }
    List<BackupEntry> toDelete = Retention.toDelete(entries, keep, Optional.of(id));
    List<BackupId> deleted = new ArrayList<>();
    for (BackupEntry entry : toDelete) {
      try {
        store.delete(entry);
      } catch (BackupException e) {
        throw new BackupException(
            e.exitCode(), "backup " + id + " is good, but retention failed: " + e.getMessage(), e);
      }
      deleted.add(entry.id());
    }
    for (BackupStore.UnfinishedUpload upload : store.unfinishedUploads()) {
      if (Retention.abandoned(upload.id(), entries, toDelete)) {
        store.abort(upload);
      }
    }
    LOG.info("Retention (keep {}): deleted {}", keep, deleted.isEmpty() ? "nothing" : deleted);
    return deleted;
  }

  private static BackupException failure(IOException e, String doing) {
    return IoErrors.translate(e, "cannot " + doing);
  }

  /**
   * raw bytes → count → buffer → zstd → count (and shield) → upload. Closing the compressor ends
   * its frame without closing the upload, which is finished separately.
   */
  private static final class Pipe {
    final CountingOutputStream raw;
    final CountingOutputStream compressed;
    final ZstdOutputStreamNoFinalizer zstd;

    private Pipe(
        CountingOutputStream raw,
        CountingOutputStream compressed,
        ZstdOutputStreamNoFinalizer zstd) {
      this.raw = raw;
      this.compressed = compressed;
      this.zstd = zstd;
    }

    static Pipe into(UploadStream upload, int level) throws IOException {
      CountingOutputStream compressed = new CountingOutputStream(upload);
      ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(compressed, level);
      zstd.setChecksum(true);
      CountingOutputStream raw = new CountingOutputStream(new BufferedOutputStream(zstd, BUFFER));
      return new Pipe(raw, compressed, zstd);
    }

    UploadStream.Uploaded finish(UploadStream upload) throws IOException {
      raw.close(); // flushes the buffer into zstd
      zstd.close(); // ends the frame; `compressed` does not pass the close on
      return upload.finish();
    }
  }
}
