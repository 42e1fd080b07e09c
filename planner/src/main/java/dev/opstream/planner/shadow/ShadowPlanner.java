package dev.opstream.planner.shadow;

import dev.opstream.planner.PlannerConfig;
import dev.opstream.planner.core.PlanningPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * This build's planner, run on recorded history instead of live topics: one {@link ShadowPartition}
 * per recorded partition (the running planner keeps its state per partition too). The planning
 * policy is the seam: pass the policy the planner runs with to check an upgrade of the code, or a
 * changed policy to see what it would change.
 */
public final class ShadowPlanner {

  /**
   * Timers are looked for every 10 ms of (simulated) wall-clock time: the smallest tick allowed.
   */
  static final Duration TICK = Duration.ofMillis(10);

  private final PlannerConfig config;
  private final Path stateRoot;

  /**
   * A shadow planner with {@code policy}, keeping its (throwaway) state stores under {@code
   * stateRoot}.
   */
  public ShadowPlanner(PlanningPolicy policy, Path stateRoot) {
    Objects.requireNonNull(policy, "policy");
    this.stateRoot = Objects.requireNonNull(stateRoot, "stateRoot");
    this.config =
        PlannerConfig.fromEnv(Map.of()).withPolicy(policy).withTimerTick(TICK).withDryRun(false);
  }

  public PlanningPolicy policy() {
    return config.policy();
  }

  /** A fresh planner for the history of recorded partition {@code partition}. */
  public ShadowPartition open(int partition) {
    return new ShadowPartition(config, stateRoot.resolve("partition-" + partition));
  }
}
