package dev.opstream.bench;

import dev.opstream.actuator.runner.ActionHandler;
import dev.opstream.localstack.LocalStack;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import java.util.List;

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
  int apps();

  /** How many apps the unmeasured warm-up run acts on. */
  int warmUpApps();

  /** A handler acting on {@code stack}; the workload closes its clients. */
  ActionHandler handler(LocalStack stack);

  /**
   * The phases of one run, in order, each with one action per app for {@code apps} apps whose names
   * start with {@code runId}; together they leave the stack as they found it.
   */
  List<Phase> phases(String runId, int apps);

  /** Actions measured together, e.g. "create" or "noop". */
  record Phase(String name, List<Action> actions) {}

  @Override
  void close();
}
