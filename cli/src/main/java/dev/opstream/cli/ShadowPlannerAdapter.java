package dev.opstream.cli;

import dev.opstream.planner.shadow.ShadowAction;
import dev.opstream.planner.shadow.ShadowPartition;
import dev.opstream.replay.plan.ShadowPlanner;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Wires this build's planner ({@code planner.shadow}) into replay's {@link ShadowPlanner} seam: the
 * only place the two meet, so replay depends on topics alone.
 */
final class ShadowPlannerAdapter implements ShadowPlanner {

  private final dev.opstream.planner.shadow.ShadowPlanner planner;

  ShadowPlannerAdapter(dev.opstream.planner.shadow.ShadowPlanner planner) {
    this.planner = planner;
  }

  @Override
  public Partition open(int partition) {
    ShadowPartition shadow = planner.open(partition);
    return new Partition() {
      @Override
      public List<PlannedAction> feed(ConsumerRecord<byte[], byte[]> input) {
        List<ShadowAction> decided = shadow.feed(input);
        return decided.stream().map(a -> new PlannedAction(a.action(), a.at())).toList();
      }

      @Override
      public void close() {
        shadow.close();
      }
    };
  }
}
