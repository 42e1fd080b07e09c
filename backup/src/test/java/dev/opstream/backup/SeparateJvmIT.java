package dev.opstream.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.backup.testing.BackupCli;
import dev.opstream.backup.testing.BackupCli.Run;
import dev.opstream.backup.testing.ChildJvm;
import dev.opstream.backup.testing.TestRedis;
import dev.opstream.backup.testing.TestS3;
import dev.opstream.localstack.junit.S3ServerExtension;
import dev.opstream.localstack.redis.RedisServer;
import dev.opstream.localstack.s3.S3Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command exactly as the backup CronJob runs it, in its own JVM with its settings in the
 * environment: a million keys through a 96 MB heap, and a backup killed mid-upload.
 */
@ExtendWith(S3ServerExtension.class)
class SeparateJvmIT {

  private static final Duration CHILD_LIMIT = Duration.ofMinutes(5);
  private static final String PASSWORD = "cronjob-secret";

  private final TestS3 s3;

  @TempDir Path dir;

  SeparateJvmIT(S3Server s3Server) {
    this.s3 = new TestS3(s3Server);
  }

  @AfterEach
  void closeClient() {
    s3.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"scan", "rdb"})
  void theCronJobsCommandBacksUpAndRestoresAMillionKeysInA96MegabyteHeap(String mode)
      throws Exception {
    String bucket = s3.newBucket("million-" + mode);
    Map<String, String> env = new HashMap<>(s3.env());
    env.put("REDIS_PASSWORD", PASSWORD);
    try (RedisServer source = RedisServer.start(dir.resolve("source"), PASSWORD);
        RedisServer target = RedisServer.start(dir.resolve("target"), PASSWORD)) {
      String digest;
      try (TestRedis redis = TestRedis.connect(source)) {
        redis.command("DEBUG", "POPULATE", "1000000", "key", "16");
        digest = redis.digest();
      }

      Child backup =
          child(
              env,
              "run",
              "--redis",
              "redis://" + source.host() + ":" + source.port(),
              "--bucket",
              bucket,
              "--prefix",
              "backups/",
              "--keep",
              "3",
              "--mode",
              mode);
      Child restore =
          child(
              env,
              "restore",
              "--redis",
              "redis://" + target.host() + ":" + target.port(),
              "--bucket",
              bucket,
              "--prefix",
              "backups/",
              "--flush");

      assertThat(backup.exitCode()).as(backup.toString()).isZero();
      assertThat(backup.out()).contains("1,000,000 keys");
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      try (TestRedis redis = TestRedis.connect(target)) {
        assertThat(redis.digest()).isEqualTo(digest);
      }
    }
  }

  @Test
  void aBackupKilledMidUploadIsNeverGoodAndRestoreTakesThePreviousOne() throws Exception {
    String bucket = s3.newBucket("killed");
    Map<String, String> env = new HashMap<>(s3.env());
    try (RedisServer source = RedisServer.start(dir.resolve("source"));
        RedisServer target = RedisServer.start(dir.resolve("target"));
        TestRedis redis = TestRedis.connect(source)) {
      redis.sync().set(TestRedis.bytes("version"), TestRedis.bytes("previous"));
      Run previous = BackupCli.run(env, "run", "--redis", source.uri(), "--bucket", bucket);
      assertThat(previous.exitCode()).as(previous.toString()).isZero();
      String previousId = previous.out().split(" ")[1].replace(":", "");
      redis.sync().set(TestRedis.bytes("version"), TestRedis.bytes("killed"));
      Random random = new Random(7);
      for (int i = 0; i < 48; i++) { // 48 MiB that does not compress: about ten 5 MiB parts
        byte[] value = new byte[1024 * 1024];
        random.nextBytes(value);
        redis.sync().set(TestRedis.bytes("blob:" + i), value);
      }

      Path err = dir.resolve("killed.err");
      Process child =
          ChildJvm.start(
              List.of("-Xmx256m"),
              env,
              err,
              "run",
              "--redis",
              source.uri(),
              "--bucket",
              bucket,
              "--part-size-mib",
              "5");
      awaitLine(err, "Uploaded part 1 of", child);
      // Freeze Redis so the backup cannot get further, then kill it: deterministic, not timed.
      signal("STOP", source.pid());
      try {
        assertThat(child.isAlive()).as("the backup is still running when killed").isTrue();
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      } finally {
        signal("CONT", source.pid());
      }

      Run list = BackupCli.run(env, "list", "--bucket", bucket);
      assertThat(list.out().lines().filter(line -> line.contains("GOOD")))
          .singleElement()
          .satisfies(line -> assertThat(line).startsWith(previousId));
      Run restore = BackupCli.run(env, "restore", "--redis", target.uri(), "--bucket", bucket);
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      assertThat(restore.out()).contains("restored backup " + previousId);
      try (TestRedis restored = TestRedis.connect(target)) {
        assertThat(new String(restored.sync().get(TestRedis.bytes("version"))))
            .isEqualTo("previous");
      }
    }
  }

  private Child child(Map<String, String> env, String... args) throws Exception {
    Path err = Files.createTempFile(dir, "child", ".err");
    Process process = ChildJvm.start(List.of("-Xmx96m"), env, err, args);
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(CHILD_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new Child(process.exitValue(), out, Files.readString(err));
  }

  private static void awaitLine(Path file, String text, Process child) throws Exception {
    long deadline = System.nanoTime() + CHILD_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("the backup ended early:\n" + Files.readString(file));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no '" + text + "' within " + CHILD_LIMIT);
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertThat(kill.waitFor()).isZero();
  }

  private record Child(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }
}
