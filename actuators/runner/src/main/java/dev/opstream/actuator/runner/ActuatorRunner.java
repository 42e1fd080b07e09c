package dev.opstream.actuator.runner;

import dev.opstream.topics.Records;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.serde.DeadLetter;
import dev.opstream.topics.serde.Decoded;
import dev.opstream.topics.serde.RecordReadException;
import dev.opstream.topics.serde.SafeDeserializer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The act stage of one kind: consumes {@code opstream.actions.<kind>}, runs each action through the
 * kind's {@link ActionHandler}, publishes an {@link ActionResult} to {@code opstream.results}, and
 * commits an action's offset only once its result is acknowledged (at-least-once).
 *
 * <ul>
 *   <li><b>Reading.</b> {@code isolation.level=read_committed}, so an action from an aborted
 *       planner transaction never runs; manual commits. A record that cannot be read as an action
 *       goes to the dead-letter topic with the reason in its headers, and the offset moves on.
 *   <li><b>Order and parallelism.</b> Actions of one app (one key) run one after the other in
 *       offset order; actions of different apps run in parallel, at most {@link
 *       RunnerConfig#concurrency()} at a time. Each partition is committed up to its lowest offset
 *       that is not done yet. When {@link RunnerConfig#maxInFlight()} actions are taken and not
 *       done, consumption pauses until half of them are.
 *   <li><b>Failures.</b> A handler's {@link ActuatorException} becomes {@code FAILED_PERMANENT} or
 *       {@code FAILED_RETRYABLE}; any other exception, and a handler that runs longer than {@link
 *       RunnerConfig#actionTimeout()}, becomes {@code FAILED_RETRYABLE} with the error text. No
 *       action stops the runner.
 *   <li><b>Rebalances and shutdown.</b> Partitions assigned with the cooperative sticky assignor;
 *       when partitions are revoked, and on {@link #close()}, queued actions of those partitions
 *       are handed back undone, running ones get {@link RunnerConfig#shutdownTimeout()} to finish
 *       and publish, and what is done is committed before the partitions go.
 * </ul>
 *
 * <p><b>Why a plain idempotent producer and not a Kafka transaction.</b> The side effect of an
 * action happens outside Kafka, so no transaction can make an action exactly-once: a crash after
 * the side effect and before the commit always runs the action again, which is why handlers are
 * idempotent and a repeated action reports {@code NOOP}. A transaction could only make "result
 * published" and "offset committed" atomic, and with per-key concurrency that costs more than it
 * gives: one producer has one open transaction, which every running action would have to share. It
 * would have to commit on a timer (adding that interval to every result) and an abort would take
 * the results of unrelated apps with it, or every worker would need a transactional producer of its
 * own. Instead each result is published with an idempotent producer ({@code acks=all}) and its
 * offset is committed after the acknowledgement; the worst case is a result published twice for one
 * action, which the planner tolerates because results carry the action id and the whole observed
 * state.
 *
 * <p>Confluent's parallel-consumer does per-key ordering too, but it is built against kafka-clients
 * 3.x; this runner needs 4.3.1, so it has its own small per-key executor.
 */
public final class ActuatorRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ActuatorRunner.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final long MAX_BACKOFF_MS = 5_000;

  private final RunnerConfig config;
  private final FaultHook faultHook;
  private final Clock clock;
  private final String kindName;
  private final String source;
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final SafeDeserializer<AppKey, Action> reader;
  private final Serializer<AppKey> keyWriter;
  private final Serializer<ActionResult> resultWriter;
  private final KeyedExecutor workers;
  private final HandlerCall calls;
  private final RunnerMetrics metrics;
  private final Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong lag = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch closeDone = new CountDownLatch(1);
  private final Thread poller;
  private volatile boolean stopping;
  private volatile boolean halted;
  private volatile boolean joined;
  private volatile Throwable failure;
  private volatile Set<TopicPartition> assignment = Set.of();

  /** Only the polling thread reads and writes it. */
  private boolean paused;

  private ActuatorRunner(
      RunnerConfig config,
      ActionHandler handler,
      PrometheusRegistry registry,
      FaultHook faultHook,
      Clock clock) {
    this.config = config;
    this.faultHook = faultHook;
    this.clock = clock;
    this.kindName = config.kind().name().toLowerCase(Locale.ROOT);
    this.source = Sources.actuator(config.kind());
    this.reader = SafeDeserializer.of(config.topics().actions());
    this.keyWriter = config.topics().results().keySerde().serializer();
    this.resultWriter = config.topics().results().valueSerde().serializer();
    String clientId = "opstream-actuator-" + kindName + "-" + UUID.randomUUID().toString();
    this.consumer =
        new KafkaConsumer<>(
            consumerConfig(config, clientId),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.producer =
        new KafkaProducer<>(
            producerConfig(config, clientId), new ByteArraySerializer(), new ByteArraySerializer());
    this.workers = new KeyedExecutor(config.concurrency(), "actuator-" + kindName + "-worker");
    this.calls = new HandlerCall(handler, config.actionTimeout(), "actuator-" + kindName + "-call");
    this.metrics = new RunnerMetrics(registry, config.kind(), inFlight::get, lag::get);
    this.poller = new Thread(this::pollLoop, "actuator-" + kindName + "-poll");
  }

  /** Starts a runner with no fault hook and the system clock. */
  public static ActuatorRunner start(
      RunnerConfig config, ActionHandler handler, PrometheusRegistry registry) {
    return start(config, handler, registry, FaultHook.NONE, Clock.systemUTC());
  }

  /**
   * Starts a runner: it joins its consumer group and runs actions until {@link #close()}.
   *
   * @param registry where its metrics are registered (one runner per registry)
   * @param faultHook called between each side effect and its result ({@link FaultHook#NONE} in
   *     production)
   * @param clock for the results' {@code finishedAt} and the records' timestamps
   */
  public static ActuatorRunner start(
      RunnerConfig config,
      ActionHandler handler,
      PrometheusRegistry registry,
      FaultHook faultHook,
      Clock clock) {
    Objects.requireNonNull(handler, "handler");
    if (handler.kind() != config.kind()) {
      throw new IllegalArgumentException(
          "a " + handler.kind() + " handler cannot serve the " + config.kind() + " topic");
    }
    ActuatorRunner runner =
        new ActuatorRunner(
            config,
            handler,
            Objects.requireNonNull(registry, "registry"),
            Objects.requireNonNull(faultHook, "faultHook"),
            Objects.requireNonNull(clock, "clock"));
    runner.poller.start();
    LOG.info(
        "The {} actuator reads {} in group {} (concurrency {}, action timeout {})",
        runner.kindName,
        config.topics().actions(),
        config.groupId(),
        config.concurrency(),
        config.actionTimeout());
    return runner;
  }

  /** Whether it has joined its group and is taking actions (for {@code /readyz}). */
  public boolean isReady() {
    return joined && !stopping && poller.isAlive();
  }

  /** The partitions assigned to it now. */
  public Set<TopicPartition> assignment() {
    return assignment;
  }

  /** Actions taken from the topic and not done yet (running or queued). */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Blocks until the runner stops, by {@link #close()} or by a failure it cannot work around (the
   * broker refusing it, for example), and returns that failure if there was one.
   */
  public Optional<Throwable> awaitTermination() throws InterruptedException {
    poller.join();
    return Optional.ofNullable(failure);
  }

  /**
   * Stops gracefully: stops taking actions, hands queued ones back, lets running ones finish within
   * {@link RunnerConfig#shutdownTimeout()}, commits what is done, leaves the group.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      awaitClosed();
      return;
    }
    stopping = true;
    try {
      poller.join(config.shutdownTimeout().plus(CLOSE_TIMEOUT).toMillis());
      workers.shutdownNow(CLOSE_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      calls.shutdownNow();
      producer.close(CLOSE_TIMEOUT);
      closeDone.countDown();
    }
    LOG.info("The {} actuator stopped", kindName);
  }

  /** A second {@link #close()} (from a shutdown hook and from main) waits for the first. */
  private void awaitClosed() {
    try {
      closeDone.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pollLoop() {
    try {
      consumer.subscribe(List.of(config.topics().actions().name()), new Rebalance());
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          take(record);
        }
        commitDone();
        applyBackpressure();
        measureLag();
      }
    } catch (RuntimeException | Error e) {
      fail(e);
    } finally {
      closeConsumer();
    }
  }

  private void take(ConsumerRecord<byte[], byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    PartitionProgress progress = partitions.get(partition);
    if (progress == null) {
      return;
    }
    progress.taken(record.offset());
    inFlight.incrementAndGet();
    Decoded<AppKey, Action> decoded = reader.decode(record);
    if (decoded instanceof Decoded.Value<AppKey, Action> value && value.value() != null) {
      workers.submit(value.key(), () -> act(progress, record, value.key(), value.value()));
    } else {
      ProducerRecord<byte[], byte[]> letter = deadLetter(decoded);
      workers.submit(partition, () -> sendDeadLetter(progress, record, letter));
    }
  }

  private void act(
      PartitionProgress progress,
      ConsumerRecord<byte[], byte[]> record,
      AppKey key,
      Action action) {
    if (stopping || !progress.start()) {
      inFlight.decrementAndGet();
      return;
    }
    boolean isDone = false;
    try {
      long started = System.nanoTime();
      HandlerCall.Done done = calls.run(action);
      ActionResult result =
          ActionResult.of(
              action,
              done.outcome(),
              done.observed(),
              done.error(),
              causedBy(record),
              clock.instant());
      try {
        faultHook.beforePublish(action, result);
      } catch (RuntimeException e) {
        halt(action, e);
        return;
      }
      isDone = publish(progress, resultRecord(key, result), "the result of " + action.actionId());
      if (isDone) {
        metrics.actionDone(result.outcome(), System.nanoTime() - started);
        logResult(key, action, result);
      }
    } finally {
      progress.finished(record.offset(), isDone);
      inFlight.decrementAndGet();
    }
  }

  private void sendDeadLetter(
      PartitionProgress progress,
      ConsumerRecord<byte[], byte[]> record,
      ProducerRecord<byte[], byte[]> letter) {
    if (stopping || !progress.start()) {
      inFlight.decrementAndGet();
      return;
    }
    boolean isDone = false;
    try {
      isDone = publish(progress, letter, "a dead letter");
      if (isDone) {
        metrics.deadLettered();
        LOG.warn(
            "Unreadable record at {}-{}@{} sent to {}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            letter.topic(),
            DeadLetter.read(letter.headers()).map(DeadLetter.Info::message).orElse("?"));
      }
    } finally {
      progress.finished(record.offset(), isDone);
      inFlight.decrementAndGet();
    }
  }

  /**
   * Publishes {@code record} and waits for the acknowledgement; retries while the error is
   * retryable and the partition is still this runner's to publish for.
   */
  private boolean publish(
      PartitionProgress progress, ProducerRecord<byte[], byte[]> record, String what) {
    for (int attempt = 1; ; attempt++) {
      if (halted || !progress.mayPublish()) {
        return false;
      }
      Throwable error;
      try {
        producer.send(record).get();
        return true;
      } catch (ExecutionException e) {
        error = e.getCause() == null ? e : e.getCause();
      } catch (KafkaException e) {
        error = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (!(error instanceof RetriableException)) {
        fail(new KafkaException("cannot publish " + what + " to " + record.topic(), error));
        return false;
      }
      LOG.warn("Publishing {} failed (attempt {}), retrying: {}", what, attempt, error.toString());
      try {
        Thread.sleep(Math.min(MAX_BACKOFF_MS, 100L << Math.min(attempt, 10)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private ProducerRecord<byte[], byte[]> resultRecord(AppKey key, ActionResult result) {
    ProducerRecord<AppKey, ActionResult> typed =
        Records.producerRecord(config.topics().results(), key, result, source, clock);
    return new ProducerRecord<>(
        typed.topic(),
        typed.partition(),
        typed.timestamp(),
        keyWriter.serialize(typed.topic(), typed.key()),
        resultWriter.serialize(typed.topic(), typed.value()),
        typed.headers());
  }

  private ProducerRecord<byte[], byte[]> deadLetter(Decoded<AppKey, Action> decoded) {
    ConsumerRecord<byte[], byte[]> raw = decoded.raw();
    RecordReadException error =
        decoded instanceof Decoded.Failure<AppKey, Action> failed
            ? failed.error()
            : new RecordReadException(
                    RecordReadException.Reason.MISSING_FIELD,
                    raw.topic(),
                    "a tombstone (no value): an action topic carries actions only",
                    null)
                .at(raw.topic(), raw.partition(), raw.offset());
    ProducerRecord<byte[], byte[]> letter = DeadLetter.of(raw, error, source);
    return new ProducerRecord<>(
        config.topics().deadLetters().name(),
        null,
        null,
        letter.key(),
        letter.value(),
        letter.headers());
  }

  /** The {@code ce_id} of the action record; its location when a foreign producer left none. */
  private static String causedBy(ConsumerRecord<byte[], byte[]> record) {
    return CloudEventHeaders.id(record.headers())
        .orElse("kafka:" + record.topic() + "/" + record.partition() + "@" + record.offset());
  }

  private void logResult(AppKey key, Action action, ActionResult result) {
    Outcome outcome = result.outcome();
    if (outcome == Outcome.NOOP) {
      LOG.debug("{} {} {}: NOOP ({})", key, kindName, action.actionType(), action.actionId());
    } else if (outcome.succeeded()) {
      LOG.info("{} {} {}: {} ({})", key, kindName, action.actionType(), outcome, action.actionId());
    } else {
      LOG.warn(
          "{} {} {}: {} ({}): {}",
          key,
          kindName,
          action.actionType(),
          outcome,
          action.actionId(),
          result.error());
    }
  }

  private void commitDone() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionProgress progress : partitions.values()) {
      progress
          .toCommit()
          .ifPresent(offset -> offsets.put(progress.partition(), new OffsetAndMetadata(offset)));
    }
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(
        offsets,
        (committed, error) -> {
          if (error != null) {
            LOG.warn("Committing {} failed; will try again: {}", offsets, error.toString());
            offsets.forEach(
                (partition, offset) -> {
                  PartitionProgress progress = partitions.get(partition);
                  if (progress != null) {
                    progress.commitFailed(offset.offset());
                  }
                });
          }
        });
  }

  private void applyBackpressure() {
    int taken = inFlight.get();
    if (!paused && taken >= config.maxInFlight()) {
      paused = true;
      LOG.debug("{} actions in flight: pausing {}", taken, consumer.assignment());
    } else if (paused && taken <= config.maxInFlight() / 2) {
      paused = false;
      consumer.resume(consumer.paused());
      LOG.debug("{} actions in flight: resuming", taken);
    }
    if (paused) {
      consumer.pause(consumer.assignment());
    }
  }

  private void measureLag() {
    long total = 0;
    for (TopicPartition partition : consumer.assignment()) {
      total += consumer.currentLag(partition).orElse(0);
    }
    lag.set(total);
  }

  /**
   * Hands {@code leaving} back: queued actions do not start, running ones get {@code bound} to
   * finish, then what is done is committed and the partitions are forgotten.
   */
  private void handBack(Collection<TopicPartition> leaving, Duration bound, String why) {
    List<PartitionProgress> progresses =
        leaving.stream().map(partitions::get).filter(Objects::nonNull).toList();
    if (progresses.isEmpty()) {
      return;
    }
    progresses.forEach(PartitionProgress::revoke);
    long deadline = System.nanoTime() + bound.toNanos();
    try {
      for (PartitionProgress progress : progresses) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (!progress.awaitIdle(left)) {
          LOG.warn(
              "{} action(s) of {} still running after {}: handed back undone",
              progress.running(),
              progress.partition(),
              bound);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    progresses.forEach(PartitionProgress::abandon);
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionProgress progress : progresses) {
      progress
          .doneUpTo()
          .ifPresent(offset -> offsets.put(progress.partition(), new OffsetAndMetadata(offset)));
    }
    try {
      if (!offsets.isEmpty()) {
        consumer.commitSync(offsets, config.publishTimeout());
      }
    } catch (KafkaException e) {
      LOG.warn("Committing {} on hand-back failed: {}", offsets, e.toString());
    }
    leaving.forEach(partitions::remove);
    assignment = Set.copyOf(partitions.keySet());
    LOG.info("Handed back {} ({}), committed {}", leaving, why, offsets);
  }

  private void drop(Collection<TopicPartition> gone) {
    for (TopicPartition partition : gone) {
      PartitionProgress progress = partitions.remove(partition);
      if (progress != null) {
        progress.abandon();
      }
    }
    assignment = Set.copyOf(partitions.keySet());
  }

  private void closeConsumer() {
    try {
      if (halted) {
        drop(Set.copyOf(partitions.keySet()));
      } else {
        handBack(Set.copyOf(partitions.keySet()), config.shutdownTimeout(), "shutting down");
      }
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    } catch (RuntimeException e) {
      LOG.warn("Closing the {} consumer failed: {}", kindName, e.toString());
    }
  }

  private void fail(Throwable cause) {
    if (failure == null && !halted) {
      failure = cause;
      LOG.error("The {} actuator stops after a failure it cannot work around", kindName, cause);
    }
    stopping = true;
  }

  private void halt(Action action, RuntimeException cause) {
    LOG.error(
        "The {} actuator halts at the fault hook after {} for {}: {}",
        kindName,
        action.actionType(),
        action.app(),
        cause.toString());
    failure = cause;
    halted = true;
    stopping = true;
  }

  private static Map<String, Object> consumerConfig(RunnerConfig config, String clientId) {
    Map<String, Object> properties = new HashMap<>(config.kafka());
    properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.putIfAbsent(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, config.maxInFlight()));
    if (!"consumer".equalsIgnoreCase(String.valueOf(properties.get("group.protocol")))) {
      properties.putIfAbsent(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName());
    }
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return properties;
  }

  private static Map<String, Object> producerConfig(RunnerConfig config, String clientId) {
    Map<String, Object> properties = new HashMap<>(config.kafka());
    long publishMs = config.publishTimeout().toMillis();
    properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    // One request at a time: with several in flight, kafka-clients 4.3 can have a request to a
    // partition the broker has just created (or moved) overtaken by a later one, after which the
    // first is rejected as out of order until it expires (KAFKA-15591). Results are small and
    // few, and concurrent results still share each request.
    properties.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) publishMs);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, publishMs / 2));
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publishMs);
    return properties;
  }

  /** Runs on the polling thread, inside {@code poll} and {@code close}. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      for (TopicPartition partition : assigned) {
        partitions.put(partition, new PartitionProgress(partition));
      }
      if (paused) {
        consumer.pause(assigned);
      }
      assignment = Set.copyOf(partitions.keySet());
      joined = true;
      if (!assigned.isEmpty()) {
        LOG.info("The {} actuator was assigned {}", kindName, assigned);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      if (halted) {
        drop(revoked);
      } else {
        handBack(revoked, config.shutdownTimeout(), "revoked");
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      LOG.warn("The {} actuator lost {} without a rebalance", kindName, lost);
      drop(lost);
    }
  }
}
