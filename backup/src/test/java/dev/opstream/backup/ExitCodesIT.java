package dev.opstream.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.backup.testing.BackupCli;
import dev.opstream.backup.testing.BackupCli.Run;
import dev.opstream.backup.testing.SampleData;
import dev.opstream.backup.testing.TestRedis;
import dev.opstream.backup.testing.TestS3;
import dev.opstream.localstack.junit.RedisServerExtension;
import dev.opstream.localstack.junit.S3ServerExtension;
import dev.opstream.localstack.redis.RedisServer;
import dev.opstream.localstack.s3.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each failure a CronJob's operator must tell apart ends with its own exit code and message. */
@ExtendWith({S3ServerExtension.class, RedisServerExtension.class})
class ExitCodesIT {

  private final TestS3 s3;
  private final Map<String, String> env;

  @TempDir Path dir;

  ExitCodesIT(S3Server s3Server) {
    this.s3 = new TestS3(s3Server);
    this.env = new HashMap<>(s3.env());
  }

  @AfterEach
  void closeClient() {
    s3.close();
  }

  private static void assertFailed(Run run, ExitCode expected, String messagePart) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(expected.code());
    assertThat(run.err())
        .startsWith("error: ")
        .contains(messagePart)
        .contains("exit " + expected.code() + " (" + expected.name() + "): ")
        .doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aWrongPasswordIsAuthFailedAndTheRightOneFromAFileWorks() throws Exception {
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"), "right-password")) {
      String bucket = s3.newBucket("auth");
      env.put("REDIS_PASSWORD", "wrong-password");

      Run wrong = BackupCli.run(env, "run", "--redis", redis.uri(), "--bucket", bucket);
      env.remove("REDIS_PASSWORD");
      Run none = BackupCli.run(env, "run", "--redis", redis.uri(), "--bucket", bucket);
      Path passwordFile = Files.writeString(dir.resolve("password"), "right-password\n");
      Run right =
          BackupCli.run(
              env,
              "run",
              "--redis",
              redis.uri(),
              "--bucket",
              bucket,
              "--password-file",
              passwordFile.toString());

      assertFailed(wrong, ExitCode.REDIS_AUTH_FAILED, "authentication failed");
      assertThat(wrong.err()).doesNotContain("wrong-password");
      assertFailed(none, ExitCode.REDIS_AUTH_FAILED, "NOAUTH");
      assertThat(right.exitCode()).as(right.toString()).isZero();
    }
  }

  @Test
  void anUnreachableRedisSaysSoAndWritesNothing() {
    String bucket = s3.newBucket("unreachable");

    Run run =
        BackupCli.run(
            env, "run", "--redis", "redis://127.0.0.1:1", "--bucket", bucket, "--timeout", "PT5S");
    Run rdb =
        BackupCli.run(
            env, "run", "--redis", "redis://127.0.0.1:1", "--bucket", bucket, "--mode", "rdb");

    assertFailed(run, ExitCode.REDIS_UNREACHABLE, "redis://127.0.0.1:1");
    assertFailed(rdb, ExitCode.REDIS_UNREACHABLE, "redis://127.0.0.1:1");
    assertThat(s3.keys(bucket)).isEmpty();
  }

  @Test
  void aMissingBucketIsBucketMissingForEveryCommand(RedisServer redis) {
    String[][] commands = {
      {"run", "--redis", redis.uri(), "--bucket", "no-such-bucket"},
      {"list", "--bucket", "no-such-bucket"},
      {"restore", "--redis", redis.uri(), "--bucket", "no-such-bucket"}
    };
    for (String[] command : commands) {
      assertFailed(
          BackupCli.run(env, command),
          ExitCode.BUCKET_MISSING,
          "S3 bucket no-such-bucket does not exist");
    }
  }

  @Test
  void wrongS3CredentialsAreAccessDenied(RedisServer redis) {
    String bucket = s3.newBucket("denied");
    env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");

    Run run = BackupCli.run(env, "run", "--redis", redis.uri(), "--bucket", bucket);

    assertFailed(run, ExitCode.ACCESS_DENIED, "S3 bucket " + bucket);
  }

  @Test
  void aServerThatRefusesSyncIsSyncRefusedWithAHintAndWritesNothing(RedisServer redis) {
    String bucket = s3.newBucket("sync-refused");
    try (TestRedis admin = TestRedis.connect(redis)) {
      admin.command(
          "ACL", "SETUSER", "backup", "on", ">backup-pw", "~*", "&*", "+@all", "-sync", "-psync");
    }
    env.put("REDIS_PASSWORD", "backup-pw");
    String uri = "redis://backup@" + redis.host() + ":" + redis.port();

    Run rdb = BackupCli.run(env, "run", "--redis", uri, "--bucket", bucket, "--mode", "rdb");
    Run scan = BackupCli.run(env, "run", "--redis", uri, "--bucket", bucket, "--mode", "scan");

    assertFailed(rdb, ExitCode.SYNC_REFUSED, "refused SYNC");
    assertThat(rdb.err()).contains("NOPERM").contains("use --mode scan");
    assertThat(scan.exitCode()).as(scan.toString()).isZero();
    assertThat(s3.keys(bucket)).hasSize(2); // the scan backup only: data and manifest
  }

  @Test
  void restoringFromAnEmptyBucketIsNoBackup(RedisServer redis) {
    String bucket = s3.newBucket("empty");
    s3.put(bucket, "backups/readme.txt", "not a backup".getBytes());

    Run run = BackupCli.run(env, "restore", "--redis", redis.uri(), "--bucket", bucket);
    Run named =
        BackupCli.run(
            env,
            "restore",
            "--redis",
            redis.uri(),
            "--bucket",
            bucket,
            "--backup",
            "20261122T031500.123Z");

    assertFailed(run, ExitCode.NO_BACKUP, "there is no good backup in s3://" + bucket);
    assertFailed(named, ExitCode.NO_BACKUP, "there is no backup 20261122T031500.123Z");
  }

  @Test
  void restoringIntoARedisAtItsMemoryLimitIsOutOfSpace(RedisServer source) throws Exception {
    String bucket = s3.newBucket("oom");
    try (TestRedis redis = TestRedis.connect(source)) {
      SampleData.fill(redis);
    }
    assertThat(BackupCli.run(env, "run", "--redis", source.uri(), "--bucket", bucket).exitCode())
        .isZero();
    try (RedisServer target = RedisServer.start(dir.resolve("full"));
        TestRedis redis = TestRedis.connect(target)) {
      redis.command("CONFIG", "SET", "maxmemory", "1mb");

      Run run = BackupCli.run(env, "restore", "--redis", target.uri(), "--bucket", bucket);

      assertFailed(run, ExitCode.OUT_OF_SPACE, "OOM");
    }
  }

  @Test
  void aDamagedDataObjectIsBackupDamaged(RedisServer source) throws Exception {
    String bucket = s3.newBucket("damaged");
    try (TestRedis redis = TestRedis.connect(source)) {
      SampleData.fill(redis);
    }
    assertThat(BackupCli.run(env, "run", "--redis", source.uri(), "--bucket", bucket).exitCode())
        .isZero();
    String data =
        s3.keys(bucket).stream().filter(key -> key.endsWith("/keys.zst")).findFirst().orElseThrow();
    byte[] content = s3.get(bucket, data);
    content[content.length / 2] ^= 0x55; // same size: only the checksums can tell
    s3.put(bucket, data, content);

    try (RedisServer target = RedisServer.start(dir.resolve("target"))) {
      Run run = BackupCli.run(env, "restore", "--redis", target.uri(), "--bucket", bucket);

      assertFailed(run, ExitCode.BACKUP_DAMAGED, "damaged");
    }
  }

  @Test
  void anRdbBackupIsNotRestoredWithoutFlush(RedisServer source) throws Exception {
    String bucket = s3.newBucket("rdb-flush");
    assertThat(
            BackupCli.run(env, "run", "--redis", source.uri(), "--bucket", bucket, "--mode", "rdb")
                .exitCode())
        .isZero();

    Run run = BackupCli.run(env, "restore", "--redis", source.uri(), "--bucket", bucket);

    assertFailed(run, ExitCode.USAGE, "add --flush");
  }

  @Test
  void aPasswordInTheUriIsRefusedBeforeAnythingHappens() {
    Run run = BackupCli.run(env, "run", "--redis", "redis://:secret@127.0.0.1:1", "--bucket", "b");

    assertFailed(run, ExitCode.USAGE, "REDIS_PASSWORD");
    assertThat(run.err()).doesNotContain("secret@");
    assertThat(List.of(run.err().split("\n"))).hasSize(2);
  }
}
