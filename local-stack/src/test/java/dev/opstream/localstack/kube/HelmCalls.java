package dev.opstream.localstack.kube;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs Helm (native code that cannot be interrupted) on a daemon thread with a timeout, so a hung
 * Helm call fails the test instead of hanging the JVM.
 */
final class HelmCalls {

  private HelmCalls() {}

  static <T> T within(Duration timeout, Callable<T> call) throws Exception {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "helm-call");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<T> result = executor.submit(call);
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Helm did not finish within " + timeout, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      executor.shutdownNow();
    }
  }
}
