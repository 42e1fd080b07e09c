package dev.opstream.actuator.runner;

import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the handler with a bound on its run time and turns whatever happens into an outcome: an
 * {@link Effect}, an {@link ActuatorException} (permanent or retryable), any other exception
 * (retryable), or running out of time (retryable). It never throws.
 *
 * <p>The call runs on a thread of its own, so a handler that ignores the interrupt sent on timeout
 * cannot hold the runner: the runner reports the timeout and moves on, and the abandoned call ends
 * whenever its own I/O timeouts end it.
 */
final class HandlerCall {

  private static final Logger LOG = LoggerFactory.getLogger(HandlerCall.class);

  /** What came of one call. */
  record Done(Outcome outcome, ResourceState observed, String error) {}

  private final ActionHandler handler;
  private final Duration timeout;
  private final ExecutorService calls;

  HandlerCall(ActionHandler handler, Duration timeout, String threadPrefix) {
    this.handler = handler;
    this.timeout = timeout;
    this.calls = Executors.newCachedThreadPool(KeyedExecutor.named(threadPrefix));
  }

  Done run(Action action) {
    if (action.kind() != handler.kind()) {
      return new Done(
          Outcome.FAILED_PERMANENT,
          null,
          "this actuator runs "
              + handler.kind()
              + " actions; a "
              + action.kind()
              + " action does not belong on its topic");
    }
    Future<Effect> call = calls.submit(() -> handler.handle(action));
    try {
      Effect effect = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (effect == null) {
        return new Done(Outcome.FAILED_RETRYABLE, null, "the handler returned no effect");
      }
      return new Done(effect.outcome(), effect.observed(), null);
    } catch (TimeoutException e) {
      call.cancel(true);
      LOG.warn(
          "{} {} for {} did not finish within {}; reported as retryable",
          action.kind(),
          action.actionType(),
          action.app(),
          timeout);
      return new Done(
          Outcome.FAILED_RETRYABLE, null, "the action did not finish within " + timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      boolean permanent =
          cause instanceof ActuatorException failure
              && failure.reason() == ActuatorException.Reason.PERMANENT;
      if (!(cause instanceof ActuatorException)) {
        LOG.warn(
            "{} {} for {} failed unexpectedly",
            action.kind(),
            action.actionType(),
            action.app(),
            cause);
      }
      return new Done(
          permanent ? Outcome.FAILED_PERMANENT : Outcome.FAILED_RETRYABLE,
          null,
          ErrorText.of(cause));
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return new Done(Outcome.FAILED_RETRYABLE, null, "the actuator was stopping");
    }
  }

  void shutdownNow() {
    calls.shutdownNow();
  }
}
