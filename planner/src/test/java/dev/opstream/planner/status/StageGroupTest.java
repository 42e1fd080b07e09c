package dev.opstream.planner.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageGroupTest {

  @Test
  void thePipelineIsThePlannerAndOneActuatorGroupPerKind() {
    assertThat(StageGroup.pipeline("opstream-planner"))
        .containsExactly(
            new StageGroup(
                "planner",
                "opstream-planner",
                java.util.List.of("opstream.deployments", "opstream.results", "opstream.timers")),
            new StageGroup(
                "actuator bucket",
                "opstream-actuator-bucket",
                java.util.List.of("opstream.actions.bucket")),
            new StageGroup(
                "actuator redis",
                "opstream-actuator-redis",
                java.util.List.of("opstream.actions.redis")),
            new StageGroup(
                "actuator cronjob",
                "opstream-actuator-cronjob",
                java.util.List.of("opstream.actions.cronjob")));
  }

  @Test
  void aWatcherGroupNamesItsClusterAndReadsTheStatusTopic() {
    assertThat(StageGroup.watcher("opstream-watcher-eks"))
        .isEqualTo(
            new StageGroup(
                "watcher eks", "opstream-watcher-eks", java.util.List.of("opstream.status")));
    assertThat(StageGroup.watcher("opstream-watcher-")).isNull();
    assertThat(StageGroup.watcher("opstream-actuator-redis")).isNull();
  }
}
