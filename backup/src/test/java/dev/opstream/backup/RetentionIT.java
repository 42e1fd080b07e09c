package dev.opstream.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.backup.testing.BackupCli;
import dev.opstream.backup.testing.BackupCli.Run;
import dev.opstream.backup.testing.TestRedis;
import dev.opstream.backup.testing.TestS3;
import dev.opstream.localstack.junit.RedisServerExtension;
import dev.opstream.localstack.junit.S3ServerExtension;
import dev.opstream.localstack.redis.RedisServer;
import dev.opstream.localstack.s3.S3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Retention keeps exactly N good backups; unfinished backups are never good nor restored. */
@ExtendWith({S3ServerExtension.class, RedisServerExtension.class})
class RetentionIT {

  private static final List<String> FOREIGN =
      List.of(
          "backups/README.txt",
          "backups/20200101T000000.000Z/notes.txt",
          "backups/latest/manifest.json",
          "backups-old/20200101T000000.000Z/keys.zst",
          "elsewhere/20200101T000000.000Z/manifest.json",
          "top-level.bin");

  private final TestS3 s3;
  private final Map<String, String> env;

  @TempDir Path dir;

  RetentionIT(S3Server s3Server) {
    this.s3 = new TestS3(s3Server);
    this.env = new HashMap<>(s3.env());
  }

  @AfterEach
  void closeClient() {
    s3.close();
  }

  private Run backup(RedisServer redis, String bucket, String... more) {
    String[] args = {"run", "--redis", redis.uri(), "--bucket", bucket, "--prefix", "backups/"};
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    Run run = BackupCli.run(env, all);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }

  private List<String> rows(String bucket) {
    Run list = BackupCli.run(env, "list", "--bucket", bucket, "--prefix", "backups/");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    return list.out().lines().skip(1).toList();
  }

  private static String id(Run backup) {
    return backup.out().split(" ")[1].replace(":", "");
  }

  @Test
  void keepsExactlyTheNewestGoodBackupsAndNeverTouchesOtherObjects(RedisServer redis) {
    String bucket = s3.newBucket("keep");
    FOREIGN.forEach(key -> s3.put(bucket, key, "someone else's".getBytes()));
    try (TestRedis data = TestRedis.connect(redis)) {
      data.sync().set(TestRedis.bytes("k"), TestRedis.bytes("v"));
    }

    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(id(backup(redis, bucket, "--keep", "3")));
    }
    Run keepOne = backup(redis, bucket, "--keep", "1");

    List<String> newestFirst = List.of(ids.get(4), ids.get(3), ids.get(2));
    assertThat(rows(bucket)).hasSize(1);
    assertThat(rows(bucket).get(0)).startsWith(id(keepOne)).contains("GOOD").contains("scan");
    assertThat(keepOne.out()).contains("deleted " + newestFirst);
    assertThat(s3.keys(bucket))
        .containsAll(FOREIGN)
        .containsExactlyInAnyOrderElementsOf(
            concat(
                FOREIGN,
                List.of(
                    "backups/" + id(keepOne) + "/keys.zst",
                    "backups/" + id(keepOne) + "/manifest.json")));
    for (String key : FOREIGN) {
      assertThat(new String(s3.get(bucket, key), StandardCharsets.UTF_8))
          .isEqualTo("someone else's");
    }
  }

  @Test
  void aHalfWrittenBackupIsNeverGoodNorRestoredNorCountedByRetention(RedisServer redis)
      throws Exception {
    String bucket = s3.newBucket("half");
    try (TestRedis data = TestRedis.connect(redis)) {
      data.sync().set(TestRedis.bytes("version"), TestRedis.bytes("good"));
    }
    String good = id(backup(redis, bucket, "--keep", "1"));
    try (TestRedis data = TestRedis.connect(redis)) {
      data.sync().set(TestRedis.bytes("version"), TestRedis.bytes("newer"));
    }
    // Newer backups that never finished: data without a manifest (killed before the manifest),
    // and a manifest whose data object is shorter than it says (damaged).
    String incomplete = "29990101T000000.000Z";
    String damaged = "29990101T000001.000Z";
    s3.copy(bucket, "backups/" + good + "/keys.zst", "backups/" + incomplete + "/keys.zst");
    String manifest =
        new String(s3.get(bucket, "backups/" + good + "/manifest.json"), StandardCharsets.UTF_8);
    s3.put(
        bucket,
        "backups/" + damaged + "/manifest.json",
        manifest.replace(good, damaged).getBytes(StandardCharsets.UTF_8));
    s3.put(bucket, "backups/" + damaged + "/keys.zst", new byte[] {1, 2, 3});

    List<String> rows = rows(bucket);
    Run retention = backup(redis, bucket, "--keep", "1");

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).startsWith(damaged).contains("DAMAGED").contains("3 B");
    assertThat(rows.get(1)).startsWith(incomplete).contains("INCOMPLETE").contains("no manifest");
    assertThat(rows.get(2)).startsWith(good).contains("GOOD");
    assertThat(retention.out()).contains("deleted [" + good + "]");
    assertThat(rows(bucket))
        .hasSize(3)
        .anySatisfy(row -> assertThat(row).startsWith(incomplete).contains("INCOMPLETE"))
        .anySatisfy(row -> assertThat(row).startsWith(damaged).contains("DAMAGED"));

    // The restore of "latest" takes the newest good backup, not a newer unfinished one.
    try (TestRedis data = TestRedis.connect(redis)) {
      data.sync().set(TestRedis.bytes("version"), TestRedis.bytes("good"));
    }
    String newestGood = id(retention);
    for (String id : List.of(incomplete, damaged)) {
      Run refused =
          BackupCli.run(env, "restore", "--redis", redis.uri(), "--bucket", bucket, "--backup", id);
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.NO_BACKUP.code());
    }
    try (RedisServer target = RedisServer.start(dir.resolve("target"))) {
      Run restore = BackupCli.run(env, "restore", "--redis", target.uri(), "--bucket", bucket);

      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      assertThat(restore.out()).contains("restored backup " + newestGood);
      try (TestRedis restored = TestRedis.connect(target)) {
        assertThat(new String(restored.sync().get(TestRedis.bytes("version")))).isEqualTo("newer");
      }
    }
  }

  @Test
  void restoresTheBackupItIsToldToRatherThanTheLatest(RedisServer redis) throws Exception {
    String bucket = s3.newBucket("named");
    try (TestRedis data = TestRedis.connect(redis)) {
      data.sync().set(TestRedis.bytes("version"), TestRedis.bytes("first"));
    }
    String first = id(backup(redis, bucket));
    try (TestRedis data = TestRedis.connect(redis)) {
      data.sync().set(TestRedis.bytes("version"), TestRedis.bytes("second"));
      data.sync().set(TestRedis.bytes("extra"), TestRedis.bytes("only in the second"));
    }
    backup(redis, bucket);

    Run restore =
        BackupCli.run(
            env,
            "restore",
            "--redis",
            redis.uri(),
            "--bucket",
            bucket,
            "--backup",
            first,
            "--flush");

    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    try (TestRedis data = TestRedis.connect(redis)) {
      assertThat(new String(data.sync().get(TestRedis.bytes("version")))).isEqualTo("first");
      assertThat(data.sync().exists(TestRedis.bytes("extra"))).isZero();
    }
  }

  @Test
  void withoutFlushAScanRestoreReplacesItsKeysAndLeavesOthers(RedisServer redis) {
    String bucket = s3.newBucket("merge");
    try (TestRedis data = TestRedis.connect(redis)) {
      data.sync().set(TestRedis.bytes("shared"), TestRedis.bytes("from the backup"));
      backup(redis, bucket);
      data.sync().set(TestRedis.bytes("shared"), TestRedis.bytes("changed since"));
      data.sync().set(TestRedis.bytes("local"), TestRedis.bytes("not in the backup"));

      Run restore = BackupCli.run(env, "restore", "--redis", redis.uri(), "--bucket", bucket);

      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      assertThat(new String(data.sync().get(TestRedis.bytes("shared"))))
          .isEqualTo("from the backup");
      assertThat(new String(data.sync().get(TestRedis.bytes("local"))))
          .isEqualTo("not in the backup");
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
