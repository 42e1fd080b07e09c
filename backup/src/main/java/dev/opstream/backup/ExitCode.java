package dev.opstream.backup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of {@code opstream backup run|list|restore}, each with what a CronJob's operator
 * should check. Listed in every subcommand's {@code --help}.
 */
public enum ExitCode {
  OK(0, "Success."),
  FAILED(1, "Unexpected failure: the message and the log (OPSTREAM_LOG_LEVEL=DEBUG) say more."),
  USAGE(2, "Invalid flags or environment (missing --redis/REDIS_URL, --bucket, AWS_REGION, ...)."),
  REDIS_UNREACHABLE(
      10, "Redis cannot be reached: check --redis/REDIS_URL, the Service, network policies."),
  REDIS_AUTH_FAILED(
      11, "Redis rejected the credentials: check REDIS_PASSWORD/--password-file and the Secret."),
  SYNC_REFUSED(
      12,
      "Redis refused replication (SYNC), which --mode rdb needs (managed Redis, ACL without"
          + " +sync/+replconf): use --mode scan."),
  S3_UNREACHABLE(20, "S3 cannot be reached: check S3_ENDPOINT, DNS and network policies."),
  BUCKET_MISSING(21, "The bucket does not exist: check --bucket/BACKUP_BUCKET and AWS_REGION."),
  ACCESS_DENIED(
      22,
      "Access denied: the S3 credentials (AWS_ACCESS_KEY_ID, role) or the Redis ACL user lack a"
          + " permission; the message says which."),
  OUT_OF_SPACE(
      23,
      "Out of space: the bucket's quota, Redis maxmemory (restore), or the local disk is full."),
  NO_BACKUP(30, "No good backup to restore: see `opstream backup list`."),
  BACKUP_DAMAGED(
      31, "The backup fails its checksum, is truncated, or has a format this version cannot read.");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }

  /** What it means and what to check. */
  public String meaning() {
    return meaning;
  }

  /** Every code with its meaning, in order, as picocli's {@code exitCodeList} wants them. */
  static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode exit : values()) {
      list.put(String.format("%3d", exit.code), exit.name() + ": " + exit.meaning);
    }
    return list;
  }
}
