package dev.opstream.localstack.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.opstream.localstack.junit.RedisServerExtension;
import dev.opstream.localstack.redis.RespClient.ErrorReply;
import dev.opstream.localstack.support.LocalStackException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RedisServerExtension.class)
class RedisServerIT {

  @Test
  void storesAndReturnsAValue(RedisServer redis) throws IOException {
    try (RespClient client = new RespClient(redis.port())) {
      assertThat(client.call("SET", "greeting", "hello")).isEqualTo("OK");
      assertThat(client.call("GET", "greeting")).isEqualTo("hello");
    }
    assertThat(redis.host()).isEqualTo("127.0.0.1");
    assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
    assertThat(redis.password()).isEmpty();
  }

  @RepeatedTest(2)
  void everyTestGetsAnEmptyServerOfItsOwn(RedisServer redis) throws IOException {
    try (RespClient client = new RespClient(redis.port())) {
      assertThat(client.call("DBSIZE")).isEqualTo(0L);
      client.call("SET", "left-behind", "by this test");
    }
  }

  @Test
  void requiresThePasswordWhenOneIsSet(@TempDir Path dir) throws IOException {
    try (RedisServer redis = RedisServer.start(dir, "s3cret \"quoted\"");
        RespClient client = new RespClient(redis.port())) {
      assertThat(client.call("GET", "k")).isInstanceOf(ErrorReply.class);
      assertThat(((ErrorReply) client.call("GET", "k")).message()).startsWith("NOAUTH");
      assertThat(client.call("AUTH", "wrong")).isInstanceOf(ErrorReply.class);

      assertThat(client.call("AUTH", "s3cret \"quoted\"")).isEqualTo("OK");
      assertThat(client.call("SET", "k", "v")).isEqualTo("OK");
      assertThat(redis.password()).contains("s3cret \"quoted\"");
    }
  }

  @Test
  void processIsGoneAfterClose(@TempDir Path dir) {
    RedisServer redis = RedisServer.start(dir);
    ProcessHandle process = ProcessHandle.of(redis.pid()).orElseThrow();
    assertThat(process.isAlive()).isTrue();

    redis.close();

    assertThat(process.isAlive()).isFalse();
    assertThatThrownBy(() -> new RespClient(redis.port())).isInstanceOf(ConnectException.class);
  }

  @Test
  void stopsWhenTheJvmThatStartedItIsKilled(@TempDir Path dir) throws Exception {
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RedisServerHolder.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    try {
      long pid = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> redisPidPrintedBy(jvm));
      assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

      jvm.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
              alive -> !alive);
    } finally {
      jvm.destroyForcibly();
    }
  }

  @Test
  void namesTheDebianPackageWhenRedisServerIsMissing(@TempDir Path dir) {
    assertThatThrownBy(() -> RedisServer.start(dir, null, "/nonexistent/bin/redis-server"))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("/nonexistent/bin/redis-server")
        .hasMessageContaining("apt-get install -y redis-server");
  }

  private static long redisPidPrintedBy(Process jvm) throws IOException {
    BufferedReader output =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      if (line.startsWith("pid=")) {
        return Long.parseLong(line.substring("pid=".length()));
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("The JVM ended without starting Redis:\n" + seen);
  }
}
