package dev.opstream.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics over a range as an outsider: {@code assign()} without a group id, no offset commits,
 * {@code read_committed}, so the running pipeline never notices. Records of every partition read
 * are merged into one stream in timestamp order (ties: the order the topics were given, then
 * offset), with a bounded buffer per partition: memory does not grow with the range.
 */
public final class TopicReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

  /**
   * A partition whose buffer holds this many records is paused until it drains. With the chain
   * topics' 6 × 12 partitions that bounds the buffers to ~15k records.
   */
  static final int BUFFER_PER_PARTITION = 200;

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  /** One topic to read and the range to read it over. */
  public record Source(String topic, ReplayRange range) {}

  private final KafkaConsumer<byte[], byte[]> consumer;

  /** A reader with {@code clientConfig} (bootstrap servers, security); group settings are ours. */
  public TopicReader(Properties clientConfig) {
    Properties properties = new Properties();
    properties.putAll(clientConfig);
    properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    // Small fetches: the merge needs a little of every partition, not a lot of one.
    properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    properties.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "262144");
    properties.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "8388608");
    properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "opstream-replay");
    this.consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Reads {@code sources} (in this order for equal timestamps), only the partition {@code selector}
   * allows where it names one app, and hands every record to {@code sink} in timestamp order.
   * Returns how many records were read.
   */
  public long read(
      List<Source> sources,
      AppSelector selector,
      Consumer<ConsumerRecord<byte[], byte[]>> sink,
      Progress progress) {
    try {
      return readMerged(sources, selector, sink, progress);
    } catch (KafkaException e) {
      throw new ReplayException(
          ReplayException.Reason.RETRYABLE, "cannot read from Kafka: " + e.getMessage(), e);
    } finally {
      progress.finish();
    }
  }

  private long readMerged(
      List<Source> sources,
      AppSelector selector,
      Consumer<ConsumerRecord<byte[], byte[]>> sink,
      Progress progress) {
    Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
    Map<String, Integer> topicOrder = new HashMap<>();
    for (Source source : sources) {
      topicOrder.put(source.topic(), topicOrder.size());
      ranges.putAll(resolve(source, selector));
    }
    Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffers = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<TopicPartition, long[]> entry : ranges.entrySet()) {
      long[] range = entry.getValue();
      if (range[1] > range[0]) {
        buffers.put(entry.getKey(), new ArrayDeque<>());
        total += range[1] - range[0];
      }
    }
    consumer.assign(buffers.keySet());
    for (TopicPartition partition : buffers.keySet()) {
      consumer.seek(partition, ranges.get(partition)[0]);
    }
    List<TopicPartition> open = new ArrayList<>(buffers.keySet());
    long read = 0;
    progress.update(0, total);
    while (!open.isEmpty() || buffers.values().stream().anyMatch(b -> !b.isEmpty())) {
      boolean starved = open.stream().anyMatch(tp -> buffers.get(tp).isEmpty());
      if (starved) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (record.offset() < ranges.get(tp)[1]) {
            buffers.get(tp).add(record);
          }
        }
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition tp : List.copyOf(open)) {
          if (consumer.position(tp) >= ranges.get(tp)[1]) {
            open.remove(tp);
            pause.add(tp);
          } else if (buffers.get(tp).size() >= BUFFER_PER_PARTITION) {
            pause.add(tp);
          } else {
            resume.add(tp);
          }
        }
        consumer.pause(pause);
        consumer.resume(resume);
        if (open.stream().anyMatch(tp -> buffers.get(tp).isEmpty())) {
          continue;
        }
      }
      // Every partition still being read has a record buffered (or is done): the smallest head is
      // the next record in timestamp order.
      TopicPartition next = null;
      ConsumerRecord<byte[], byte[]> head = null;
      for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> entry :
          buffers.entrySet()) {
        ConsumerRecord<byte[], byte[]> candidate = entry.getValue().peek();
        if (candidate != null && (head == null || before(candidate, head, topicOrder))) {
          head = candidate;
          next = entry.getKey();
        }
      }
      if (head == null) {
        continue;
      }
      buffers.get(next).poll();
      if (buffers.get(next).isEmpty() && open.contains(next)) {
        consumer.resume(List.of(next));
      }
      sink.accept(head);
      read++;
      progress.update(Math.min(read, total), total);
    }
    consumer.unsubscribe();
    LOG.debug("Read {} records from {} partitions", read, buffers.size());
    return read;
  }

  private static boolean before(
      ConsumerRecord<byte[], byte[]> a,
      ConsumerRecord<byte[], byte[]> b,
      Map<String, Integer> topicOrder) {
    if (a.timestamp() != b.timestamp()) {
      return a.timestamp() < b.timestamp();
    }
    int byTopic = Integer.compare(topicOrder.get(a.topic()), topicOrder.get(b.topic()));
    if (byTopic != 0) {
      return byTopic < 0;
    }
    return a.offset() < b.offset();
  }

  /** Each partition's [start, end) offsets for {@code source}. */
  private Map<TopicPartition, long[]> resolve(Source source, AppSelector selector) {
    List<PartitionInfo> infos = consumer.partitionsFor(source.topic(), METADATA_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw ReplayException.permanent(
          "topic " + source.topic() + " does not exist (run opstream topics create)");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    Integer only = selector.onlyPartition(infos.size()).orElse(null);
    for (PartitionInfo info : infos) {
      if (only == null || info.partition() == only) {
        partitions.add(new TopicPartition(source.topic(), info.partition()));
      }
    }
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
    Map<TopicPartition, Long> from = offsets(source.range().from(), partitions, beginning, end);
    Map<TopicPartition, Long> to = offsets(source.range().to(), partitions, end, end);
    Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
    for (TopicPartition tp : partitions) {
      long start = Math.max(beginning.get(tp), from.get(tp));
      long stop = Math.min(end.get(tp), to.get(tp));
      ranges.put(tp, new long[] {start, stop});
    }
    return ranges;
  }

  private Map<TopicPartition, Long> offsets(
      Bound bound,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> atEdge,
      Map<TopicPartition, Long> end) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    if (bound instanceof Bound.AtTime at) {
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(tp -> query.put(tp, at.time().toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found =
          consumer.offsetsForTimes(query, METADATA_TIMEOUT);
      for (TopicPartition tp : partitions) {
        OffsetAndTimestamp hit = found.get(tp);
        offsets.put(tp, hit == null ? end.get(tp) : hit.offset());
      }
    } else if (bound instanceof Bound.AtOffset at) {
      partitions.forEach(tp -> offsets.put(tp, at.offset()));
    } else {
      offsets.putAll(atEdge);
    }
    return offsets;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
