package dev.opstream.actuator.runner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a fixed number of threads, one task per key at a time, in the order they were
 * submitted for that key: tasks of different keys run in parallel, tasks of one key never do.
 *
 * <p>A key with more tasks queued goes to the back of the line after each task, so one busy key
 * cannot hold a thread while other keys wait.
 */
final class KeyedExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(KeyedExecutor.class);

  private final ExecutorService threads;

  /** Keys with a task running or scheduled, and the tasks waiting behind it. */
  private final Map<Object, ArrayDeque<Runnable>> waiting = new HashMap<>();

  KeyedExecutor(int threads, String namePrefix) {
    this.threads = Executors.newFixedThreadPool(threads, named(namePrefix));
  }

  /** Runs {@code task} after every task submitted earlier for {@code key}. */
  void submit(Object key, Runnable task) {
    synchronized (waiting) {
      ArrayDeque<Runnable> queue = waiting.get(key);
      if (queue != null) {
        queue.addLast(task);
        return;
      }
      waiting.put(key, new ArrayDeque<>());
    }
    threads.execute(() -> runThenNext(key, task));
  }

  private void runThenNext(Object key, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      LOG.error("A task for {} failed unexpectedly", key, e);
    }
    Runnable next;
    synchronized (waiting) {
      ArrayDeque<Runnable> queue = waiting.get(key);
      next = queue.pollFirst();
      if (next == null) {
        waiting.remove(key);
        return;
      }
    }
    Runnable following = next;
    try {
      threads.execute(() -> runThenNext(key, following));
    } catch (RejectedExecutionException e) {
      LOG.debug("Shut down: tasks still queued for {} are dropped", key);
    }
  }

  /** Stops taking tasks and interrupts running ones; waits up to {@code timeout} for them. */
  void shutdownNow(Duration timeout) throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
