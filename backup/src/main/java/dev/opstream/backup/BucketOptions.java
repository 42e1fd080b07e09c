package dev.opstream.backup;

import dev.opstream.backup.store.BackupLayout;
import dev.opstream.backup.store.BackupStore;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** Where backups live: bucket and prefix. S3 itself is set up from the environment. */
final class BucketOptions {

  static final String DEFAULT_PREFIX = "backups/";

  @Option(
      names = "--bucket",
      paramLabel = "BUCKET",
      description = "The S3 bucket (default: $BACKUP_BUCKET).")
  private String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description =
          "The key prefix of the backups; a missing trailing / is added (default: $BACKUP_PREFIX"
              + " or backups/).")
  private String prefix;

  @Option(
      names = "--part-size-mib",
      hidden = true,
      defaultValue = "8",
      description = "Multipart upload part size in MiB (at least 5).")
  private int partSizeMib;

  String bucket(Environment env) {
    return Optional.ofNullable(bucket)
        .or(() -> env.get("BACKUP_BUCKET"))
        .orElseThrow(() -> new BackupException(ExitCode.USAGE, "set --bucket or BACKUP_BUCKET"));
  }

  BackupLayout layout(Environment env) {
    return BackupLayout.forPrefix(
        Optional.ofNullable(prefix).or(() -> env.get("BACKUP_PREFIX")).orElse(DEFAULT_PREFIX));
  }

  BackupStore store(S3Client s3, Environment env) {
    if (partSizeMib < 5) {
      throw new BackupException(ExitCode.USAGE, "--part-size-mib must be at least 5");
    }
    return new BackupStore(s3, bucket(env), layout(env), partSizeMib * 1024 * 1024);
  }
}
