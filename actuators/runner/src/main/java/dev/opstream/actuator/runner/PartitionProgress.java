package dev.opstream.actuator.runner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The records taken from one assigned partition and which of them are done, so the runner commits
 * up to the lowest offset that is not done yet. One instance per assignment: a partition assigned
 * again gets a fresh one, so work from an earlier assignment cannot touch it.
 *
 * <p>Thread-safe: the polling thread takes records and commits, workers start and finish them.
 */
final class PartitionProgress {

  private enum State {
    /** Assigned: its actions start and publish. */
    ACTIVE,
    /** Being handed back: running actions finish and publish, queued ones do not start. */
    REVOKING,
    /** Handed back: nothing more starts or publishes; the next owner runs what is not done. */
    ABANDONED
  }

  private final TopicPartition partition;
  private final ArrayDeque<Long> taken = new ArrayDeque<>();
  private final Set<Long> done = new HashSet<>();
  private long nextToCommit = -1;
  private long requested = -1;
  private int running;
  private State state = State.ACTIVE;

  PartitionProgress(TopicPartition partition) {
    this.partition = partition;
  }

  TopicPartition partition() {
    return partition;
  }

  /** A record of this partition was taken (offsets arrive in increasing order). */
  synchronized void taken(long offset) {
    taken.addLast(offset);
  }

  /** Whether a taken record may start now; if so it counts as running until {@link #finished}. */
  synchronized boolean start() {
    if (state != State.ACTIVE) {
      return false;
    }
    running++;
    return true;
  }

  /**
   * A started record finished; {@code done} when its result (or dead letter) is acknowledged, so
   * its offset may be committed.
   */
  synchronized void finished(long offset, boolean isDone) {
    running--;
    if (isDone) {
      done.add(offset);
      while (!taken.isEmpty() && done.remove(taken.peekFirst())) {
        nextToCommit = taken.removeFirst() + 1;
      }
    }
    notifyAll();
  }

  /** Whether results of running records may still be published. */
  synchronized boolean mayPublish() {
    return state != State.ABANDONED;
  }

  /** The offset to commit, when it moved since the last request. */
  synchronized OptionalLong toCommit() {
    if (nextToCommit > requested) {
      requested = nextToCommit;
      return OptionalLong.of(nextToCommit);
    }
    return OptionalLong.empty();
  }

  /** The offset done so far (whether or not already requested), for a final commit. */
  synchronized OptionalLong doneUpTo() {
    return nextToCommit < 0 ? OptionalLong.empty() : OptionalLong.of(nextToCommit);
  }

  /** A commit of {@code offset} failed: ask for it again next time. */
  synchronized void commitFailed(long offset) {
    if (requested == offset) {
      requested = -1;
    }
  }

  /** Stops queued records from starting; running ones go on. */
  synchronized void revoke() {
    if (state == State.ACTIVE) {
      state = State.REVOKING;
    }
  }

  /** Stops everything: nothing more starts or publishes. */
  synchronized void abandon() {
    state = State.ABANDONED;
    notifyAll();
  }

  /** Waits up to {@code timeout} until no record is running; whether none is. */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized int running() {
    return running;
  }
}
