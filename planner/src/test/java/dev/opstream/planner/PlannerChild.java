package dev.opstream.planner;

import java.util.HashMap;
import java.util.Map;

/**
 * A planner in a JVM of its own, for tests that kill it: its configuration comes from the
 * environment ({@link PlannerConfig#fromEnv}), extra Kafka properties from {@code key=value}
 * arguments. It prints {@code RUNNING <http port>} once Kafka Streams runs, and runs until killed.
 */
public final class PlannerChild {

  private PlannerChild() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> extra = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      extra.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    PlannerConfig env = PlannerConfig.fromEnv(System.getenv());
    PlannerConfig config =
        new PlannerConfig(
            env.applicationId(),
            env.bootstrapServers(),
            env.stateDir(),
            env.httpPort(),
            env.advertisedHost(),
            env.timerTick(),
            env.policy(),
            extra);
    PlannerService planner = PlannerService.start(config);
    while (!planner.running()) {
      Thread.sleep(50);
    }
    System.out.println("RUNNING " + planner.httpPort());
    System.out.flush();
    planner.awaitClose();
  }
}
