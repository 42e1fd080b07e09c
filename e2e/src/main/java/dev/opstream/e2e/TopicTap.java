package dev.opstream.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics from their beginning in the background, the way an outside observer would ({@code
 * read_committed}, no consumer group), and keeps every record it saw with when it saw it. Tests use
 * it for deterministic fault points ("after N results are on the topic") and to look into the
 * dead-letter topic; the benchmark for decision latency.
 */
public final class TopicTap implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicTap.class);
  private static final Duration POLL = Duration.ofMillis(100);

  /**
   * One record as seen.
   *
   * @param seenAt when this process received it
   */
  public record Seen(ConsumerRecord<byte[], byte[]> record, Instant seenAt) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  private TopicTap(String bootstrapServers, Collection<String> topics) {
    this.consumer =
        new KafkaConsumer<>(
            consumerProperties(bootstrapServers),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      seen.put(topic, new CopyOnWriteArrayList<>());
      counts.put(topic, new AtomicLong());
      consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .forEach(partitions::add);
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.thread = new Thread(this::run, "topic-tap");
    thread.setDaemon(true);
  }

  /** Starts reading {@code topics} (which must exist) from their beginning. */
  public static TopicTap start(String bootstrapServers, Collection<String> topics) {
    TopicTap tap = new TopicTap(bootstrapServers, topics);
    tap.thread.start();
    return tap;
  }

  /** How many records of {@code topic} were seen so far. */
  public long count(String topic) {
    return counter(topic).get();
  }

  /** Every record of {@code topic} seen so far, in the order seen. */
  public List<Seen> records(String topic) {
    return List.copyOf(list(topic));
  }

  /** Those records of {@code topic} that {@code filter} accepts. */
  public List<Seen> records(String topic, Predicate<ConsumerRecord<byte[], byte[]>> filter) {
    return list(topic).stream().filter(seen -> filter.test(seen.record())).toList();
  }

  /**
   * Waits until at least {@code count} records of {@code topic} were seen.
   *
   * @throws AssertionError if {@code timeout} passes first
   */
  public void awaitCount(String topic, long count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (count(topic) < count) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "only "
                + count(topic)
                + " records on "
                + topic
                + " after "
                + timeout
                + ", not "
                + count);
      }
      sleep(POLL);
    }
  }

  /**
   * Every record of {@code topic} from its beginning to its end as of now ({@code read_committed}).
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrapServers, String topic) {
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(
            consumerProperties(bootstrapServers),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          reader.partitionsFor(topic, Duration.ofSeconds(60)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(60));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("could not read " + topic + " to its end");
        }
        reader.poll(POLL).forEach(records::add);
      }
      return records;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          Instant now = Instant.now();
          list(record.topic()).add(new Seen(record, now));
          counter(record.topic()).incrementAndGet();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("The topic tap stopped reading", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private static Properties consumerProperties(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return properties;
  }

  private List<Seen> list(String topic) {
    List<Seen> list = seen.get(topic);
    if (list == null) {
      throw new IllegalArgumentException("not tapping " + topic);
    }
    return list;
  }

  private AtomicLong counter(String topic) {
    AtomicLong counter = counts.get(topic);
    if (counter == null) {
      throw new IllegalArgumentException("not tapping " + topic);
    }
    return counter;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
