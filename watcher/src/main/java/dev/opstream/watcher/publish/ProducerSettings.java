package dev.opstream.watcher.publish;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The watcher's producer settings. Safe delivery is not negotiable: idempotence and {@code
 * acks=all} always win over what the user sets. The rest are defaults the user may override: lz4
 * compression; retries with exponential backoff (100 ms to 5 s) bounded by a generous {@code
 * delivery.timeout.ms} of 5 minutes, after which the {@link Outbox} takes the unit again; sends
 * block for at most 10 s when the broker's metadata is unknown.
 */
public final class ProducerSettings {

  private ProducerSettings() {}

  /** The producer properties for {@code clientConfig} (bootstrap servers, TLS, SASL, tuning). */
  public static Map<String, Object> of(Map<String, String> clientConfig) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    settings.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
    settings.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 5_000);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "opstream-watcher");
    settings.putAll(clientConfig);
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    return settings;
  }
}
