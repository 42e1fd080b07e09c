package dev.opstream.actuator.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedExecutorTest {

  private final KeyedExecutor executor = new KeyedExecutor(2, "test");

  @AfterEach
  void shutDown() throws Exception {
    executor.shutdownNow(Duration.ofSeconds(5));
  }

  @Test
  void runsOneKeysTasksInOrderAndAnotherKeyMeanwhile() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch otherRan = new CountDownLatch(1);
    CountDownLatch allDone = new CountDownLatch(4);
    List<String> ran = new CopyOnWriteArrayList<>();

    executor.submit("a", () -> await(gate, ran, "a1", allDone));
    executor.submit("a", () -> record(ran, "a2", allDone));
    executor.submit("a", () -> record(ran, "a3", allDone));
    executor.submit(
        "b",
        () -> {
          record(ran, "b1", allDone);
          otherRan.countDown();
        });

    assertThat(otherRan.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("b1");
    gate.countDown();
    assertThat(allDone.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("b1", "a1", "a2", "a3");
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheNextOfItsKey() throws Exception {
    CountDownLatch next = new CountDownLatch(1);

    executor.submit(
        "a",
        () -> {
          throw new IllegalStateException("boom");
        });
    executor.submit("a", next::countDown);

    assertThat(next.await(30, TimeUnit.SECONDS)).isTrue();
  }

  private static void await(
      CountDownLatch gate, List<String> ran, String name, CountDownLatch done) {
    try {
      gate.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    record(ran, name, done);
  }

  private static void record(List<String> ran, String name, CountDownLatch done) {
    ran.add(name);
    done.countDown();
  }
}
