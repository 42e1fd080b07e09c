package dev.opstream.watcher.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

  @Test
  void alwaysProducesIdempotentlyWithAllAcksWhateverTheUserSets() {
    Map<String, Object> settings =
        ProducerSettings.of(
            Map.of(
                "bootstrap.servers",
                "kafka:9092",
                ProducerConfig.ACKS_CONFIG,
                "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                "false"));

    assertThat(settings)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry("bootstrap.servers", "kafka:9092");
  }

  @Test
  void compressesAndBoundsRetriesByALongDeliveryTimeoutThatTheUserMayChange() {
    Map<String, Object> defaults = ProducerSettings.of(Map.of());
    Map<String, Object> tuned =
        ProducerSettings.of(Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "4000"));

    assertThat(defaults)
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000)
        .containsEntry(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 5_000);
    assertThat(tuned).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "4000");
  }
}
