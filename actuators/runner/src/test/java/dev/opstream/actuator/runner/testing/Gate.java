package dev.opstream.actuator.runner.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds whoever {@link #pass()}es until the test {@link #open()}s it, and tells the test when
 * someone has reached it: makes "while A is held, B completes" deterministic, without clocks.
 */
public final class Gate {

  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch open = new CountDownLatch(1);

  /** Called by the held code: waits until the gate is open ({@link ActuatorTestKit#TIMEOUT}). */
  public void pass() {
    reached.countDown();
    try {
      if (!open.await(ActuatorTestKit.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until someone is held at the gate; false if nobody came in time. */
  public boolean awaitReached() throws InterruptedException {
    return reached.await(ActuatorTestKit.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  public void open() {
    open.countDown();
  }
}
