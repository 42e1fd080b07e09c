package dev.opstream.actuator.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.actuator.runner.ActuatorException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HelmCallsTest {

  private final HelmCalls calls =
      new HelmCalls(Duration.ofMillis(200), JvmSignalHandlers.processWide());

  @AfterEach
  void tearDown() {
    calls.close();
  }

  @Test
  void aCallThatHangsFailsAsRetryableAndBlocksTheReleaseUntilItEnds() throws Exception {
    CountDownLatch hung = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                calls.run(
                    "test/apps/cart-redis",
                    "upgrade --install",
                    () -> {
                      hung.await();
                      ended.countDown();
                      return "late";
                    }))
        .isInstanceOfSatisfying(
            ActuatorException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ActuatorException.Reason.RETRYABLE);
              assertThat(e.getMessage())
                  .contains(
                      "Helm upgrade --install of release test/apps/cart-redis did not finish");
            });
    assertThat(calls.running("test/apps/cart-redis")).isTrue();
    assertThatThrownBy(() -> calls.run("test/apps/cart-redis", "uninstall", () -> "no"))
        .isInstanceOfSatisfying(
            ActuatorException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ActuatorException.Reason.RETRYABLE);
              assertThat(e.getMessage()).contains("an earlier Helm operation on release");
            });
    assertThat(calls.run("test/apps/other-redis", "uninstall", () -> "other")).isEqualTo("other");

    hung.countDown();
    assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !calls.running("test/apps/cart-redis"));
    assertThat(calls.run("test/apps/cart-redis", "uninstall", () -> "done")).isEqualTo("done");
  }

  @Test
  void whatTheCallThrowsReachesTheCaller() {
    assertThatThrownBy(
            () ->
                calls.run(
                    "test/apps/cart-redis",
                    "upgrade --install",
                    () -> {
                      throw new IllegalStateException("Kubernetes cluster unreachable");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Kubernetes cluster unreachable");
    assertThat(calls.running("test/apps/cart-redis")).isFalse();
  }
}
