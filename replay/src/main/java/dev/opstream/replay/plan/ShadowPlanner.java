package dev.opstream.replay.plan;

import dev.opstream.topics.records.Action;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A planner run in isolation on recorded input: the seam between replay (which reads the topics)
 * and the planner of this build (which the CLI passes in; replay does not depend on it).
 */
public interface ShadowPlanner {

  /**
   * A fresh planner for the recorded history of one partition (the planner's state is per
   * partition, as in the running planner's tasks).
   */
  Partition open(int partition);

  /** A shadow planner of one partition. */
  interface Partition extends AutoCloseable {

    /**
     * Feeds one recorded input (of {@code opstream.deployments}, {@code opstream.results} or {@code
     * opstream.timers}, in the order the planner read them) and returns the actions it decided,
     * timer firings of its own included.
     */
    List<PlannedAction> feed(ConsumerRecord<byte[], byte[]> input);

    @Override
    void close();
  }

  /** An action the shadow planner decided, at the time of the record that caused it. */
  record PlannedAction(Action action, Instant at) {}
}
