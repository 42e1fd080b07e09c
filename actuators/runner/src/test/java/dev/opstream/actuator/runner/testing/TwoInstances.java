package dev.opstream.actuator.runner.testing;

import static dev.opstream.actuator.runner.testing.ActuatorTestKit.TIMEOUT;
import static org.awaitility.Awaitility.await;

import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.actuator.runner.ActuatorRunner;
import dev.opstream.actuator.runner.RunnerConfig;
import dev.opstream.topics.records.AppKey;
import java.util.List;
import java.util.function.Supplier;

/**
 * Two runners of one actuator in one consumer group, each with a real handler of its own (as two
 * replicas would be), recording which ran what.
 */
public final class TwoInstances {

  private final ActuatorTestKit kit;
  private final int partitions;
  private final ActuatorRunner first;
  private final ActuatorRunner second;
  private final RecordingHandler firstHandler;
  private final RecordingHandler secondHandler;

  private TwoInstances(
      ActuatorTestKit kit, int partitions, RunnerConfig config, Supplier<ActionHandler> handlers) {
    this.kit = kit;
    this.partitions = partitions;
    this.firstHandler = new RecordingHandler(handlers.get());
    this.secondHandler = new RecordingHandler(handlers.get());
    this.first = kit.start(config, firstHandler);
    this.second = kit.start(config, secondHandler);
  }

  /**
   * Starts both (closed with the kit) and waits until they share the {@code partitions} partitions
   * of the kit's actions topic, each holding some.
   */
  public static TwoInstances start(
      ActuatorTestKit kit, int partitions, RunnerConfig config, Supplier<ActionHandler> handlers) {
    TwoInstances instances = new TwoInstances(kit, partitions, config, handlers);
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                !instances.first.assignment().isEmpty()
                    && !instances.second.assignment().isEmpty()
                    && instances.first.assignment().size() + instances.second.assignment().size()
                        == partitions);
    return instances;
  }

  /** The handler of the instance that holds {@code app}'s partition. */
  public RecordingHandler ownerOf(AppKey app) {
    return kit.holds(first, app) ? firstHandler : secondHandler;
  }

  /** The handler of the other instance. */
  public RecordingHandler otherThanOwnerOf(AppKey app) {
    return kit.holds(first, app) ? secondHandler : firstHandler;
  }

  /** One of {@code apps} whose partition the first instance holds. */
  public AppKey heldByFirst(List<AppKey> apps) {
    return apps.stream().filter(app -> kit.holds(first, app)).findFirst().orElseThrow();
  }

  /** Stops the first instance and waits until the second holds every partition. */
  public void stopFirst() {
    first.close();
    await().atMost(TIMEOUT).until(() -> second.assignment().size() == partitions);
  }

  public RecordingHandler firstHandler() {
    return firstHandler;
  }

  public RecordingHandler secondHandler() {
    return secondHandler;
  }
}
