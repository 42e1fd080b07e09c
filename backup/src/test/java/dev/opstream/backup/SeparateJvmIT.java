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
      String previous = backupThenAddIncompressibleData(redis, source, bucket, env);

      Process child = startAndFreezeAfterFirstPart(source, bucket, env, dir.resolve("killed.err"));
      try {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no hooks run
      } finally {
        signal("CONT", source.pid());
      }

      assertThat(unfinishedUploads(bucket)).hasSize(1);
      Run list = BackupCli.run(env, "list", "--bucket", bucket);
      assertThat(list.out().lines().filter(line -> line.contains("GOOD")))
          .singleElement()
          .satisfies(line -> assertThat(line).startsWith(previous));
      Run restore = BackupCli.run(env, "restore", "--redis", target.uri(), "--bucket", bucket);
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
      assertThat(restore.out()).contains("restored backup " + previous);
      try (TestRedis restored = TestRedis.connect(target)) {
        assertThat(new String(restored.sync().get(TestRedis.bytes("version"))))
            .isEqualTo("previous");
      }
      // The next backup's retention aborts the upload once it is older than every kept backup.
      redis.sync().flushall();
      Run next =
          BackupCli.run(env, "run", "--redis", source.uri(), "--bucket", bucket, "--keep", "1");
      assertThat(next.exitCode()).as(next.toString()).isZero();
      assertThat(unfinishedUploads(bucket)).isEmpty();
    }
  }

  @Test
  void aBackupStoppedWithSigtermAbortsItsUpload() throws Exception {
    String bucket = s3.newBucket("sigterm");
    Map<String, String> env = new HashMap<>(s3.env());
    try (RedisServer source = RedisServer.start(dir.resolve("source"));
        TestRedis redis = TestRedis.connect(source)) {
      String previous = backupThenAddIncompressibleData(redis, source, bucket, env);
      Path err = dir.resolve("sigterm.err");

      Process child = startAndFreezeAfterFirstPart(source, bucket, env, err);
      try {
        child.destroy(); // SIGTERM, as Kubernetes sends at a Job's deadline
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      } finally {
        signal("CONT", source.pid());
      }

      assertThat(Files.readString(err)).contains("Aborted the unfinished upload of backups/");
      assertThat(unfinishedUploads(bucket)).isEmpty();
      Run list = BackupCli.run(env, "list", "--bucket", bucket);
      assertThat(list.out().lines().skip(1)).singleElement().asString().startsWith(previous);
    }
  }

  /** Takes a small good backup, then adds 48 MiB that does not compress; returns its id. */
  private String backupThenAddIncompressibleData(
      TestRedis redis, RedisServer source, String bucket, Map<String, String> env) {
    redis.sync().set(TestRedis.bytes("version"), TestRedis.bytes("previous"));
    Run previous = BackupCli.run(env, "run", "--redis", source.uri(), "--bucket", bucket);
    assertThat(previous.exitCode()).as(previous.toString()).isZero();
    redis.sync().set(TestRedis.bytes("version"), TestRedis.bytes("unfinished"));
    Random random = new Random(7);
    for (int i = 0; i < 48; i++) { // about ten 5 MiB parts
      byte[] value = new byte[1024 * 1024];
      random.nextBytes(value);
      redis.sync().set(TestRedis.bytes("blob:" + i), value);
    }
    return previous.out().split(" ")[1].replace(":", "");
  }

  /**
   * Starts a backup in its own JVM and, once its first part is uploaded, freezes Redis (SIGSTOP) so
   * that it cannot get further: what happens to it next is up to the test, not to timing. The
   * caller sends SIGCONT.
   */
  private static Process startAndFreezeAfterFirstPart(
      RedisServer source, String bucket, Map<String, String> env, Path err) throws Exception {
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
    signal("STOP", source.pid());
    assertThat(child.isAlive()).as("the backup is still running").isTrue();
    return child;
  }

  private List<String> unfinishedUploads(String bucket) {
    return s3.client().listMultipartUploads(list -> list.bucket(bucket)).uploads().stream()
        .map(upload -> upload.key())
        .toList();
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
