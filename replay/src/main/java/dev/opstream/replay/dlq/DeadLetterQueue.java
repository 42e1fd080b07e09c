package dev.opstream.replay.dlq;

import dev.opstream.replay.AppSelector;
import dev.opstream.replay.Progress;
import dev.opstream.replay.ReplayException;
import dev.opstream.replay.ReplayRange;
import dev.opstream.replay.TopicReader;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.serde.DeadLetter;
import dev.opstream.topics.serde.Decoded;
import dev.opstream.topics.serde.SafeDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code opstream dlq list|replay}: reads {@code opstream.dlq} (as an outsider, like replay) and
 * sends chosen records back to the topic they came from, with their original key, value and
 * headers, plus {@value #REPLAYED_FROM} naming the DLQ record.
 *
 * <p>Sending is at-least-once and not deduplicated: replaying the same dead letter twice puts two
 * copies on the original topic. That is safe for opstream's consumers, which are idempotent on
 * those topics: an observed Deployment is a level (a copy changes nothing), a result for an action
 * no longer in flight and a timer no longer planned are ignored by the planner, and an action run
 * again reports {@code NOOP}.
 */
public final class DeadLetterQueue {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);

  /** Header on a replayed record: {@code opstream.dlq-<partition>@<offset>} of its dead letter. */
  public static final String REPLAYED_FROM = "opstream_replayed_from";

  private static final int PREVIEW_CHARS = 120;
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  /** What happened to one selected dead letter. */
  public record Replayed(DeadLetterEntry entry, boolean sent, String detail) {}

  private final Properties clientConfig;

  public DeadLetterQueue(Properties clientConfig) {
    this.clientConfig = clientConfig;
  }

  /** Hands every dead letter in {@code range} to {@code sink}, in timestamp order. */
  public long list(ReplayRange range, Consumer<DeadLetterEntry> sink, Progress progress) {
    try (TopicReader reader = new TopicReader(clientConfig)) {
      return reader.read(
          List.of(new TopicReader.Source(Topics.DLQ.name(), range)),
          AppSelector.ALL,
          raw -> sink.accept(entry(raw)),
          progress);
    }
  }

  /**
   * Sends the selected dead letters back to their original topics. A record that its topic's serde
   * still cannot read is not sent (its cause is not fixed) unless {@code force}; one whose origin
   * is unknown or not an opstream topic is never sent.
   */
  public List<Replayed> replay(
      ReplayRange range, DeadLetterSelection selection, boolean force, Progress progress) {
    List<ConsumerRecord<byte[], byte[]>> chosen = new ArrayList<>();
    try (TopicReader reader = new TopicReader(clientConfig)) {
      reader.read(
          List.of(new TopicReader.Source(Topics.DLQ.name(), range)),
          AppSelector.ALL,
          raw -> {
            if (selection.selects(entry(raw))) {
              chosen.add(raw);
            }
          },
          progress);
    }
    List<Replayed> outcomes = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (ConsumerRecord<byte[], byte[]> raw : chosen) {
        outcomes.add(send(producer, raw, force));
      }
    }
    return outcomes;
  }

  private Replayed send(
      KafkaProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> raw, boolean force) {
    DeadLetterEntry entry = entry(raw);
    if (entry.origin() == null || entry.origin().topic() == null) {
      return new Replayed(entry, false, "no origin headers: cannot tell where it came from");
    }
    Optional<Topic<?, ?>> origin =
        Topics.all().stream()
            .filter(topic -> topic != Topics.DLQ && topic.name().equals(entry.origin().topic()))
            .findFirst();
    if (origin.isEmpty()) {
      return new Replayed(
          entry, false, entry.origin().topic() + " is not an opstream topic it can go back to");
    }
    ConsumerRecord<byte[], byte[]> asOriginal =
        new ConsumerRecord<>(
            origin.get().name(),
            entry.origin().partition() == null ? 0 : entry.origin().partition(),
            entry.origin().offset() == null ? 0 : entry.origin().offset(),
            raw.key(),
            raw.value());
    Decoded<?, ?> check = SafeDeserializer.of(origin.get()).decode(asOriginal);
    if (check instanceof Decoded.Failure<?, ?> failure && !force) {
      return new Replayed(
          entry,
          false,
          "still unreadable on "
              + origin.get().name()
              + ": "
              + failure.error().getMessage()
              + " (fix the cause first, or --force)");
    }
    Headers headers = new RecordHeaders();
    for (Header header : raw.headers()) {
      if (!header.key().startsWith("opstream_dlq_") && !header.key().equals(REPLAYED_FROM)) {
        headers.add(header);
      }
    }
    String from = Topics.DLQ.name() + "-" + entry.coordinate();
    headers.add(REPLAYED_FROM, from.getBytes(StandardCharsets.UTF_8));
    // Keyed records go where their key hashes (their original partition, as the topics share the
    // default partitioner); a keyless one (a snapshot chunk) back to its original partition.
    Integer partition = raw.key() == null ? entry.origin().partition() : null;
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(origin.get().name(), partition, null, raw.key(), raw.value(), headers);
    try {
      var metadata = producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info(
          "Dead letter {} sent back to {}-{}@{}",
          from,
          metadata.topic(),
          metadata.partition(),
          metadata.offset());
      return new Replayed(
          entry,
          true,
          "sent to " + metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException(ReplayException.Reason.RETRYABLE, "interrupted while sending", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ReplayException(
          ReplayException.Reason.RETRYABLE,
          "cannot send " + from + " back to " + origin.get().name() + ": " + e.getMessage(),
          e);
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties properties = new Properties();
    properties.putAll(clientConfig);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
  }

  static DeadLetterEntry entry(ConsumerRecord<byte[], byte[]> raw) {
    byte[] value = raw.value();
    String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
    String preview = text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "…" : text;
    Header replayed = raw.headers().lastHeader(REPLAYED_FROM);
    return new DeadLetterEntry(
        raw.partition(),
        raw.offset(),
        Instant.ofEpochMilli(raw.timestamp()),
        raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8),
        CloudEventHeaders.id(raw.headers()).orElse(null),
        DeadLetter.read(raw.headers()).orElse(null),
        value == null ? 0 : value.length,
        preview.replace('\n', ' '),
        replayed == null ? null : new String(replayed.value(), StandardCharsets.UTF_8));
  }
}
