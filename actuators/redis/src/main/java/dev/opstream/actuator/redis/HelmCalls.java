package dev.opstream.actuator.redis;

import dev.opstream.actuator.runner.ActuatorException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs each Helm call on a worker thread and gives up waiting after a timeout: native Helm cannot
 * be interrupted, so a hung call must not hang the action. A call that timed out keeps running in
 * the background; until it ends, no other call on the same release starts (it would find the
 * release {@code pending-*} and might take it for a crashed run). After every call the JVM's signal
 * handlers are restored (see {@link JvmSignalHandlers}).
 */
final class HelmCalls implements AutoCloseable {

  private final Duration timeout;
  private final JvmSignalHandlers signals;
  private final ExecutorService workers;
  private final Map<String, FutureTask<?>> running = new ConcurrentHashMap<>();

  HelmCalls(Duration timeout, JvmSignalHandlers signals) {
    this.timeout = timeout;
    this.signals = signals;
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "helm-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code call} (Helm operation {@code operation} on {@code release}, a key such as {@code
   * cluster/namespace/release}) and returns its result.
   *
   * @throws ActuatorException retryable when it timed out or an earlier call on the release still
   *     runs
   * @throws Exception what the call threw
   */
  <T> T run(String release, String operation, Callable<T> call) throws Exception {
    AtomicReference<FutureTask<T>> self = new AtomicReference<>();
    FutureTask<T> task =
        new FutureTask<>(
            () -> {
              try {
                return call.call();
              } finally {
                signals.restore();
                // Before the caller sees the outcome: once it has, the release is free again.
                running.remove(release, self.get());
              }
            });
    self.set(task);
    FutureTask<?> earlier = running.putIfAbsent(release, task);
    if (earlier != null) {
      throw new ActuatorException(
          ActuatorException.Reason.RETRYABLE,
          "an earlier Helm operation on release "
              + release
              + " has not finished (it timed out after "
              + timeout.toSeconds()
              + " s); retry once it has");
    }
    workers.execute(
        () -> {
          try {
            task.run();
          } finally {
            running.remove(release, task);
          }
        });
    try {
      return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw ActuatorException.retryable(
          "Helm "
              + operation
              + " of release "
              + release
              + " did not finish within "
              + timeout.toSeconds()
              + " s; it may still complete",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ActuatorException.retryable(
          "interrupted while waiting for Helm " + operation + " of release " + release, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      // Also here: a call that timed out may have taken the signals before it hung.
      signals.restore();
    }
  }

  /** Whether a call on {@code release} is running (one that timed out may still be). */
  boolean running(String release) {
    return running.containsKey(release);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
