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
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Backup, then restore into a fresh server: the same data, proven with DEBUG DIGEST. */
@ExtendWith({S3ServerExtension.class, RedisServerExtension.class})
class RoundTripIT {

  private final TestS3 s3;
  private final Map<String, String> env;

  @TempDir Path dataDir;

  RoundTripIT(S3Server s3Server) {
    this.s3 = new TestS3(s3Server);
    this.env = new HashMap<>(s3.env());
  }

  @AfterEach
  void closeClient() {
    s3.close();
  }

  @Test
  void scanBackupRestoresEveryTypeDatabaseExpiryAndBinaryKey(RedisServer source) {
    roundTrip(source, "scan");
  }

  @Test
  void rdbBackupRestoresEveryTypeDatabaseExpiryAndBinaryKey(RedisServer source) {
    roundTrip(source, "rdb");
  }

  @Test
  void scanBackupNeedsOnlyScanDumpPexpiretimeAndSelect(RedisServer source) {
    String bucket = s3.newBucket("acl");
    String digest;
    try (TestRedis redis = TestRedis.connect(source)) {
      SampleData.fill(redis);
      digest = redis.digest();
      redis.command(
          "ACL",
          "SETUSER",
          "backup",
          "on",
          ">backup-pw",
          "~*",
          "-@all",
          "+scan",
          "+dump",
          "+pexpiretime",
          "+select");
    }
    env.put("REDIS_PASSWORD", "backup-pw");
    String uri = "redis://backup@" + source.host() + ":" + source.port();

    Run backup = BackupCli.run(env, "run", "--redis", uri, "--bucket", bucket);

    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    env.remove("REDIS_PASSWORD");
    try (RedisServer target = RedisServer.start(dataDir.resolve("acl-target"))) {
      Run restored = BackupCli.run(env, "restore", "--redis", target.uri(), "--bucket", bucket);

      assertThat(restored.exitCode()).as(restored.toString()).isZero();
      try (TestRedis redis = TestRedis.connect(target)) {
        assertThat(redis.digest()).isEqualTo(digest);
      }
    }
  }

  private void roundTrip(RedisServer source, String mode) {
    String bucket = s3.newBucket(mode);
    String digest;
    Map<String, Long> expiries;
    Map<Integer, Long> sizes;
    long written;
    try (TestRedis redis = TestRedis.connect(source)) {
      written = SampleData.fill(redis);
      digest = redis.digest();
      expiries = redis.expiries();
      sizes = redis.sizes();
    }

    Run backup =
        BackupCli.run(
            env, "run", "--redis", source.uri(), "--bucket", bucket, "--mode", mode, "--keep", "2");

    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    assertThat(backup.out()).contains(mode + " mode").contains(String.format("%,d keys", written));

    try (RedisServer target = RedisServer.start(dataDir.resolve("target"))) {
      String[] restore = {"restore", "--redis", target.uri(), "--bucket", bucket, "--flush"};
      Run restored = BackupCli.run(env, restore);

      assertThat(restored.exitCode()).as(restored.toString()).isZero();
      assertThat(restored.out()).contains("restored backup").contains(mode + " mode");
      try (TestRedis redis = TestRedis.connect(target)) {
        assertThat(redis.digest()).isEqualTo(digest).isNotEqualTo("0".repeat(40));
        assertThat(redis.sizes()).isEqualTo(sizes);
        assertThat(redis.expiries()).isEqualTo(expiries);
        assertThat(expiries.values()).filteredOn(at -> at > 0).hasSize(33);
        assertThat(redis.command("INFO", "replication")).contains("role:master");
      }
    }
  }
}
