package dev.opstream.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstream.topics.cloudevents.CloudEvent;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.testing.RecordSamples;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RecordsTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.500Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void producerRecordCarriesCloudEventsHeadersAndTheClocksTime() {
    ProducerRecord<AppKey, DeploymentEvent> record =
        Records.producerRecord(
            Topics.DEPLOYMENTS,
            RecordSamples.APP,
            RecordSamples.observed(),
            Sources.watcher("prod-eu"),
            clock);

    assertThat(record.topic()).isEqualTo("opstream.deployments");
    assertThat(record.key()).isEqualTo(RecordSamples.APP);
    assertThat(record.partition()).isNull();
    assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
    CloudEvent event = CloudEventHeaders.read(record.headers()).orElseThrow();
    assertThat(UUID.fromString(event.id())).isNotNull();
    assertThat(event.type()).isEqualTo("dev.opstream.deployment.observed.v1");
    assertThat(event.source()).isEqualTo("opstream/watcher/prod-eu");
    assertThat(event.time()).isEqualTo(NOW);
    assertThat(event.specVersion()).isEqualTo("1.0");
  }

  @Test
  void everyRecordGetsItsOwnId() {
    ProducerRecord<AppKey, Action> first =
        Records.producerRecord(
            Topics.ACTIONS_BUCKET,
            RecordSamples.APP,
            RecordSamples.ensureBucket(),
            Sources.planner(),
            clock);
    ProducerRecord<AppKey, Action> second =
        Records.producerRecord(
            Topics.ACTIONS_BUCKET,
            RecordSamples.APP,
            RecordSamples.ensureBucket(),
            Sources.planner(),
            clock);

    assertThat(CloudEventHeaders.id(first.headers()))
        .isNotEqualTo(CloudEventHeaders.id(second.headers()));
    assertThat(CloudEventHeaders.read(first.headers()).orElseThrow().type())
        .isEqualTo("dev.opstream.action.bucket.ensure.v1");
  }

  @Test
  void explicitPartitionAndIdAreKept() {
    ProducerRecord<AppKey, Action> record =
        Records.producerRecord(
            Topics.ACTIONS_BUCKET,
            2,
            RecordSamples.APP,
            RecordSamples.ensureBucket(),
            Sources.actuator(ActionKind.BUCKET),
            clock,
            "fixed-id");

    assertThat(record.partition()).isEqualTo(2);
    assertThat(CloudEventHeaders.id(record.headers())).contains("fixed-id");
    assertThat(CloudEventHeaders.read(record.headers()).orElseThrow().source())
        .isEqualTo("opstream/actuator/bucket");
  }

  @Test
  void tombstoneHasANullValueAndNoEventHeaders() {
    ProducerRecord<AppKey, DeploymentEvent> tombstone =
        Records.tombstone(Topics.DEPLOYMENTS, RecordSamples.APP, clock);

    assertThat(tombstone.value()).isNull();
    assertThat(tombstone.key()).isEqualTo(RecordSamples.APP);
    assertThat(CloudEventHeaders.read(tombstone.headers())).isEmpty();
    assertThatThrownBy(
            () ->
                Records.producerRecord(
                    Topics.DEPLOYMENTS, RecordSamples.APP, null, Sources.planner(), clock))
        .hasMessageContaining("tombstone");
  }
}
