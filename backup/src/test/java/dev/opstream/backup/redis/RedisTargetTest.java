package dev.opstream.backup.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.backup.BackupException;
import dev.opstream.backup.ExitCode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisTargetTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void readsHostPortUserAndTls() {
    RedisTarget target =
        RedisTarget.parse("rediss://backup@cache.example:6380", Optional.of("s3cret"), TIMEOUT);

    assertThat(target.host()).isEqualTo("cache.example");
    assertThat(target.port()).isEqualTo(6380);
    assertThat(target.tls()).isTrue();
    assertThat(target.username()).contains("backup");
    assertThat(target.password()).contains("s3cret");
  }

  @Test
  void defaultsToPort6379WithoutUserOrPassword() {
    RedisTarget target = RedisTarget.parse("redis://shop-redis", Optional.empty(), TIMEOUT);

    assertThat(target.port()).isEqualTo(6379);
    assertThat(target.tls()).isFalse();
    assertThat(target.username()).isEmpty();
    assertThat(target.password()).isEmpty();
    assertThat(target.display()).isEqualTo("redis://shop-redis:6379");
  }

  @Test
  void neverShowsThePassword() {
    RedisTarget target = RedisTarget.parse("redis://h:1", Optional.of("s3cret"), TIMEOUT);

    assertThat(target.toString()).doesNotContain("s3cret");
    assertThat(target.display()).doesNotContain("s3cret");
  }

  @Test
  void refusesAPasswordInTheUri() {
    assertThatThrownBy(() -> RedisTarget.parse("redis://:pw@h:1", Optional.empty(), TIMEOUT))
        .isInstanceOfSatisfying(
            BackupException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("REDIS_PASSWORD");
  }

  @Test
  void refusesADatabaseOtherSchemesAndGarbage() {
    assertThatThrownBy(() -> RedisTarget.parse("redis://h:1/3", Optional.empty(), TIMEOUT))
        .hasMessageContaining("every database");
    assertThatThrownBy(() -> RedisTarget.parse("http://h:1", Optional.empty(), TIMEOUT))
        .hasMessageContaining("redis://");
    assertThatThrownBy(() -> RedisTarget.parse("h:1", Optional.empty(), TIMEOUT))
        .isInstanceOf(BackupException.class);
  }
}
