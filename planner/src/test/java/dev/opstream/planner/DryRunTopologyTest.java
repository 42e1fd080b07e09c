package dev.opstream.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.Records;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry-run planner decides as the planner does but writes only to the plan topics. */
class DryRunTopologyTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final AppKey APP = new AppKey("prod", "shop", "cart");

  @TempDir Path stateDir;

  @Test
  void aDryRunWritesActionsToThePlanTopicAndNothingToTheActuatorsTopics() {
    PlannerConfig config = PlannerConfig.fromEnv(Map.of()).withDryRun(true);
    Properties properties = config.streamsProperties();
    properties.put("state.dir", stateDir.toString());
    try (TopologyTestDriver driver =
        new TopologyTestDriver(PlannerTopology.build(config), properties, T0)) {
      TestInputTopic<AppKey, DeploymentEvent> deployments =
          driver.createInputTopic(
              Topics.DEPLOYMENTS.name(),
              Topics.DEPLOYMENTS.keySerde().serializer(),
              Topics.DEPLOYMENTS.valueSerde().serializer());
      DeploymentObserved observed =
          DeploymentObserved.of(
              APP, "uid-1", "rv-1", 1, Map.of(Annotations.ENABLED, "true"), Map.of(), T0);
      ProducerRecord<AppKey, DeploymentEvent> record =
          Records.producerRecord(
              Topics.DEPLOYMENTS,
              APP,
              observed,
              Sources.watcher("prod"),
              Clock.fixed(T0, ZoneOffset.UTC));
      deployments.pipeInput(new TestRecord<>(APP, observed, record.headers(), T0));

      assertThat(
              driver
                  .createOutputTopic(
                      Topics.PLAN.name(),
                      Topics.PLAN.keySerde().deserializer(),
                      Topics.PLAN.valueSerde().deserializer())
                  .readValuesToList())
          .extracting(Action::actionType)
          .containsExactlyInAnyOrder(ActionType.ENSURE_BUCKET, ActionType.ENSURE_REDIS);
      for (ActionKind kind : ActionKind.values()) {
        assertThat(output(driver, kind.topic()).isEmpty()).as(kind.topic().name()).isTrue();
      }
      assertThat(output(driver, Topics.STATUS).isEmpty()).isTrue();
      assertThat(output(driver, Topics.PLAN_STATUS).isEmpty()).isFalse();
    }
  }

  private static org.apache.kafka.streams.TestOutputTopic<AppKey, ?> output(
      TopologyTestDriver driver, Topic<AppKey, ?> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
