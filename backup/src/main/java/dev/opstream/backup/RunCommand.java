package dev.opstream.backup;

import dev.opstream.backup.progress.Sizes;
import dev.opstream.backup.store.BackupMode;
import dev.opstream.backup.store.BackupStore;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code opstream backup run}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = ToolVersion.class,
    modelTransformer = ExitCodeHelp.class,
    description = {
      "Takes a backup of every database of a Redis server into S3, then applies retention.",
      "",
      "Modes:",
      "  scan  SCAN + DUMP + PEXPIRETIME per key, streamed through zstd into a multipart upload"
          + " in constant memory. Works on managed Redis and with ACL users (+scan +dump"
          + " +pexpiretime +info +select). NOT a point-in-time snapshot: keys changed during the"
          + " run may be taken before or after the change.",
      "  rdb   A point-in-time RDB snapshot over the replication protocol (REPLCONF rdb-only,"
          + " SYNC), streamed the same way. Self-hosted Redis only: managed services refuse SYNC"
          + " (exit 12).",
      "",
      "The manifest (<prefix><id>/manifest.json) is written last: a backup without one is never"
          + " listed as good nor restored. Retention then keeps the newest --keep good backups"
          + " (never fewer than one) and removes older incomplete ones; it touches nothing but"
          + " <prefix><id>/manifest.json|keys.zst|dump.rdb.zst.",
      "Prints one summary line on standard output; progress and logs go to standard error."
    })
final class RunCommand extends BackupSubcommand {

  @Mixin private RedisOptions redis;

  @Mixin private BucketOptions bucket;

  @Option(
      names = "--keep",
      paramLabel = "N",
      description = "How many good backups to keep, at least 1 (default: $BACKUP_KEEP or 7).")
  private Integer keep;

  @Option(
      names = "--mode",
      paramLabel = "scan|rdb",
      description = "How to take the backup (default: $BACKUP_MODE or scan).")
  private String mode;

  @Option(
      names = "--compression-level",
      paramLabel = "LEVEL",
      defaultValue = "3",
      description = "zstd level, 1 (fast) to 19 (small) (default: 3).")
  private int compressionLevel;

  @Override
  ExitCode execute() {
    BackupRun.Options options = new BackupRun.Options(mode(), keep(), compressionLevel);
    var target = redis.target(env());
    try (S3Client s3 = s3()) {
      BackupStore store = bucket.store(s3, env());
      BackupRun.Result result =
          new BackupRun(store, target, progress(), env().clock(), BackupCommand.tool())
              .run(options);
      out()
          .printf(
              Locale.ROOT,
              "backup %s: %s mode, %,d keys, %s (%s raw) in %.1f s to %s; retention (keep %d)"
                  + " deleted %s%n",
              result.manifest().id(),
              result.manifest().mode().label(),
              result.manifest().keys(),
              Sizes.human(result.manifest().bytes()),
              Sizes.human(result.manifest().uncompressedBytes()),
              result.took().toMillis() / 1000.0,
              store.location(),
              options.keep(),
              result.deleted().isEmpty() ? "nothing" : result.deleted());
      out().flush();
    }
    return ExitCode.OK;
  }

  private BackupMode mode() {
    String value = Optional.ofNullable(mode).or(() -> env().get("BACKUP_MODE")).orElse("scan");
    try {
      return BackupMode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new BackupException(ExitCode.USAGE, "--mode: " + e.getMessage());
    }
  }

  private int keep() {
    if (keep != null) {
      return keep;
    }
    String value = env().get("BACKUP_KEEP").orElse("7");
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new BackupException(ExitCode.USAGE, "BACKUP_KEEP is not a number: " + value);
    }
  }
}
