package dev.opstream.bench;

import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.localstack.LocalStack;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * What {@link ActuatorThroughput} runs for one kind: a handler against the local stack, and the
 * actions of each phase. Adding a kind to the benchmark is one implementation of this and one line
 * in {@link ActuatorThroughput}.
 */
interface ActuatorWorkload extends AutoCloseable {

  ActionKind kind();

  /**
   * How many apps each measured phase acts on: few enough that the kind takes minutes, not more.
   */
  default int apps() {
    return 200;
  }

  /** How many apps the unmeasured warm-up run acts on. */
  default int warmUpApps() {
    return 50;
  }

  /** A handler acting on {@code stack}; the workload closes its clients. */
  ActionHandler handler(LocalStack stack);

  /**
   * The phases of one run, in order, each with one action per app for {@code apps} apps whose names
   * start with {@code runId}; together they leave the stack as they found it.
   */
  List<Phase> phases(String runId, int apps);

  /** Actions measured together, e.g. "create" or "noop". */
  record Phase(String name, List<Action> actions) {}

  /**
   * The phases every kind goes through, each action once per app: create (the first ensure), noop
   * (the same ensure again, a second attempt), observe (a drift check) and delete.
   */
  static List<Phase> ensureObserveDelete(
      List<AppKey> apps,
      Function<AppKey, Action> ensure,
      Function<AppKey, Action> observe,
      Function<AppKey, Action> delete) {
    return List.of(
        new Phase("create", each(apps, ensure)),
        new Phase("noop", each(apps, app -> ensure.apply(app).withAttempt(2))),
        new Phase("observe", each(apps, observe)),
        new Phase("delete", each(apps, delete)));
  }

  /** {@code count} apps of {@code cluster} in the namespace {@code runId}. */
  static List<AppKey> apps(String cluster, String runId, int count) {
    return IntStream.range(0, count).mapToObj(i -> new AppKey(cluster, runId, "app-" + i)).toList();
  }

  private static List<Action> each(List<AppKey> apps, Function<AppKey, Action> action) {
    return apps.stream().map(action).toList();
  }

  @Override
  void close();
}
