package dev.opstream.topics.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.Topics;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.testing.RecordSamples;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SafeDeserializerTest {

  private final SafeDeserializer<AppKey, DeploymentEvent> decoder =
      SafeDeserializer.of(Topics.DEPLOYMENTS);

  @Test
  void readableRecordIsAValue() {
    byte[] key = Topics.DEPLOYMENTS.keySerde().serializer().serialize("t", RecordSamples.APP);
    byte[] value =
        Topics.DEPLOYMENTS.valueSerde().serializer().serialize("t", RecordSamples.observed());

    Decoded<AppKey, DeploymentEvent> decoded = decoder.decode(raw(key, value));

    assertThat(decoded)
        .isEqualTo(new Decoded.Value<>(decoded.raw(), RecordSamples.APP, RecordSamples.observed()));
  }

  @Test
  void garbageValueIsAFailureLocatedAtItsPartitionAndOffset() {
    Decoded<AppKey, DeploymentEvent> decoded =
        decoder.decode(raw("c/ns/app".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}));

    assertThat(decoded).isInstanceOf(Decoded.Failure.class);
    RecordReadException error = ((Decoded.Failure<AppKey, DeploymentEvent>) decoded).error();
    assertThat(error.reason()).isEqualTo(RecordReadException.Reason.NOT_JSON);
    assertThat(error.topic()).contains("opstream.deployments");
    assertThat(error.partition()).hasValue(3);
    assertThat(error.offset()).hasValue(42L);
    assertThat(error).hasMessageContaining("opstream.deployments-3@42");
  }

  @Test
  void badKeyIsAnInvalidKeyFailureEvenWhenTheValueIsFine() {
    byte[] value =
        Topics.DEPLOYMENTS.valueSerde().serializer().serialize("t", RecordSamples.observed());

    Decoded<AppKey, DeploymentEvent> decoded =
        decoder.decode(raw("no-slashes".getBytes(StandardCharsets.UTF_8), value));

    assertThat(((Decoded.Failure<AppKey, DeploymentEvent>) decoded).error().reason())
        .isEqualTo(RecordReadException.Reason.INVALID_KEY);
  }

  @Test
  void foreignDeserializerErrorsAreWrappedNotThrown() {
    SafeDeserializer<AppKey, String> strict =
        SafeDeserializer.of(
            new AppKeySerde().deserializer(),
            (topic, data) -> {
              throw new IllegalStateException("boom");
            });

    Decoded<AppKey, String> decoded = strict.decode(raw(null, new byte[] {1}));

    assertThat(((Decoded.Failure<AppKey, String>) decoded).error().reason())
        .isEqualTo(RecordReadException.Reason.INVALID_VALUE);
  }

  private static ConsumerRecord<byte[], byte[]> raw(byte[] key, byte[] value) {
    return new ConsumerRecord<>("opstream.deployments", 3, 42L, key, value);
  }
}
