package dev.opstream.backup.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.backup.ExitCode;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisErrorsTest {

  private final RedisTarget target =
      RedisTarget.parse("redis://app@h:1", Optional.of("s3cret-value"), Duration.ofSeconds(1));

  private ExitCode exitFor(Throwable failure) {
    return RedisErrors.translate(failure, target, "test").exitCode();
  }

  @Test
  void tellsAuthenticationFromPermissionFromMemoryFromNetwork() {
    assertThat(exitFor(new RespSocket.ErrorReply("WRONGPASS invalid username-password pair")))
        .isEqualTo(ExitCode.REDIS_AUTH_FAILED);
    assertThat(exitFor(new RespSocket.ErrorReply("NOAUTH Authentication required.")))
        .isEqualTo(ExitCode.REDIS_AUTH_FAILED);
    assertThat(exitFor(new RespSocket.ErrorReply("NOPERM this user has no permissions")))
        .isEqualTo(ExitCode.ACCESS_DENIED);
    assertThat(exitFor(new RespSocket.ErrorReply("OOM command not allowed when used memory")))
        .isEqualTo(ExitCode.OUT_OF_SPACE);
    assertThat(exitFor(new RuntimeException(new ConnectException("Connection refused"))))
        .isEqualTo(ExitCode.REDIS_UNREACHABLE);
    assertThat(exitFor(new RespSocket.ErrorReply("ERR something else"))).isEqualTo(ExitCode.FAILED);
  }

  @Test
  void namesTheUserButNeverThePassword() {
    String message =
        RedisErrors.translate(new RespSocket.ErrorReply("WRONGPASS x"), target, "connect")
            .getMessage();

    assertThat(message).contains("redis://app@h:1").contains("user app").doesNotContain("s3cret");
  }
}
