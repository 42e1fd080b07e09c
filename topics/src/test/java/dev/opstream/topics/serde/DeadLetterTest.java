package dev.opstream.topics.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.Topics;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  @Test
  void deadLetterCarriesTheRawBytesTheOriginalHeadersAndTheReason() {
    byte[] key = "c/ns/app".getBytes(StandardCharsets.UTF_8);
    byte[] value = {(byte) 0xde, (byte) 0xad, 0, 1};
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_id", "abc".getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetter.REASON, "stale".getBytes(StandardCharsets.UTF_8));
    ConsumerRecord<byte[], byte[]> raw =
        new ConsumerRecord<>(
            "opstream.deployments",
            5,
            77L,
            0L,
            TimestampType.CREATE_TIME,
            key.length,
            value.length,
            key,
            value,
            headers,
            Optional.empty());

    Decoded<AppKey, DeploymentEvent> decoded = SafeDeserializer.of(Topics.DEPLOYMENTS).decode(raw);
    ProducerRecord<byte[], byte[]> dead =
        ((Decoded.Failure<AppKey, DeploymentEvent>) decoded).deadLetter("planner");

    assertThat(dead.topic()).isEqualTo("opstream.dlq");
    assertThat(dead.key()).isEqualTo(key);
    assertThat(dead.value()).isEqualTo(value);
    assertThat(dead.partition()).isNull();
    assertThat(dead.headers().lastHeader("ce_id").value())
        .isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(dead.headers().headers(DeadLetter.REASON)).hasSize(1);
    assertThat(header(dead, DeadLetter.REASON)).isEqualTo("NOT_JSON");
    assertThat(header(dead, DeadLetter.TOPIC)).isEqualTo("opstream.deployments");
    assertThat(header(dead, DeadLetter.PARTITION)).isEqualTo("5");
    assertThat(header(dead, DeadLetter.OFFSET)).isEqualTo("77");
    assertThat(header(dead, DeadLetter.STAGE)).isEqualTo("planner");
    assertThat(header(dead, DeadLetter.MESSAGE)).isNotBlank();

    DeadLetter.Info info = DeadLetter.read(dead.headers()).orElseThrow();
    assertThat(info)
        .isEqualTo(
            new DeadLetter.Info(
                "NOT_JSON", info.message(), "opstream.deployments", 5, 77L, "planner"));
  }

  @Test
  void longMessagesAreTruncatedAndUnknownPositionsLeftOut() {
    ProducerRecord<byte[], byte[]> dead =
        DeadLetter.of(
            new DeadLetter.Info("PROCESSING_FAILED", "x".repeat(10_000), "t", null, null, "s"),
            null,
            new byte[] {1},
            null);

    assertThat(header(dead, DeadLetter.MESSAGE).length()).isLessThan(2100);
    assertThat(dead.headers().lastHeader(DeadLetter.PARTITION)).isNull();
    assertThat(DeadLetter.read(dead.headers()).orElseThrow().partition()).isNull();
  }

  @Test
  void recordWithoutReasonIsNoDeadLetter() {
    assertThat(DeadLetter.read(new RecordHeaders())).isEmpty();
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
