package dev.opstream.actuator.runner;

import static dev.opstream.actuator.runner.testing.ActuatorTestKit.TIMEOUT;
import static dev.opstream.actuator.runner.testing.TestActions.ensure;
import static dev.opstream.actuator.runner.testing.TestActions.newApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.opstream.actuator.runner.testing.ActuatorTestKit;
import dev.opstream.actuator.runner.testing.ActuatorTestKit.Sent;
import dev.opstream.localstack.junit.KafkaBrokerExtension;
import dev.opstream.localstack.kafka.KafkaBroker;
import dev.opstream.topics.Records;
import dev.opstream.topics.cloudevents.CloudEventHeaders;
import dev.opstream.topics.cloudevents.Sources;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionKind;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.Observe;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.serde.DeadLetter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared runner against a real broker, with an in-memory handler. */
@ExtendWith(KafkaBrokerExtension.class)
class ActuatorRunnerIT {

  private ActuatorTestKit kit;
  private final ScriptedHandler handler = new ScriptedHandler();
  private final List<CountDownLatch> gates = new ArrayList<>();

  @BeforeEach
  void createTopics(KafkaBroker broker) throws Exception {
    kit = ActuatorTestKit.create(broker.bootstrapServers(), 4);
  }

  @AfterEach
  void closeKit() {
    gates.forEach(CountDownLatch::countDown);
    kit.close();
  }

  @Test
  void publishesAResultNamingTheActionRecordAndCommitsAfterIt() throws Exception {
    RunnerConfig config = kit.config(ActionKind.BUCKET);
    kit.start(config, handler);
    Sent sent = kit.send(ensure(newApp("results"), "1"));

    ConsumerRecord<AppKey, ActionResult> record = kit.awaitResultRecord(sent.action());

    ActionResult result = record.value();
    assertThat(record.key()).isEqualTo(sent.action().app());
    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(result.causedBy()).isEqualTo(sent.ceId());
    assertThat(result.attempt()).isEqualTo(1);
    assertThat(result.observed().attributes()).containsEntry("handled", "yes");
    assertThat(CloudEventHeaders.read(record.headers()))
        .hasValueSatisfying(
            event -> {
              assertThat(event.source()).isEqualTo(Sources.actuator(ActionKind.BUCKET));
              assertThat(event.type()).isEqualTo("dev.opstream.action.result.v1");
            });
    kit.awaitAllCommitted(config.groupId());
    assertThat(kit.committed(config.groupId())).containsEntry(sent.partition(), sent.offset() + 1);
  }

  @Test
  void anAppHeldByItsHandlerDoesNotHoldOtherApps() throws Exception {
    AppKey held = newApp("parallel");
    AppKey free = newApp("parallel");
    CountDownLatch gate = gate();
    handler.hold(held, gate);
    kit.start(kit.config(ActionKind.BUCKET), handler);

    Sent heldAction = kit.send(ensure(held, "1"));
    await().atMost(TIMEOUT).until(() -> handler.startedCount(heldAction.action().actionId()) == 1);
    Sent freeAction = kit.send(ensure(free, "1"));

    assertThat(kit.awaitResult(freeAction.action()).outcome()).isEqualTo(Outcome.CREATED);
    assertThat(kit.resultsFor(heldAction.action().actionId())).isEmpty();
    gate.countDown();
    assertThat(kit.awaitResult(heldAction.action()).outcome()).isEqualTo(Outcome.CREATED);
  }

  @Test
  void runsOneAppsActionsOneAfterTheOtherInOffsetOrder() throws Exception {
    AppKey app = newApp("order");
    AppKey other = newApp("order");
    CountDownLatch gate = gate();
    handler.hold(app, gate);
    kit.start(kit.config(ActionKind.BUCKET).withConcurrency(4), handler);
    List<Action> sent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sent.add(kit.send(ensure(app, "v" + i)).action());
      kit.send(ensure(other, "v" + i));
    }

    // While the first is held, none of the others of that app starts, though threads are free.
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                handler.finished().size() == 8
                    && handler.startedCount(sent.get(0).actionId()) == 1);
    assertThat(handler.started()).filteredOn(action -> action.app().equals(app)).hasSize(1);
    gate.countDown();
    kit.awaitResult(sent.get(7));

    assertThat(handler.finished())
        .filteredOn(action -> action.app().equals(app))
        .containsExactlyElementsOf(sent);
    assertThat(kit.results())
        .map(ConsumerRecord::value)
        .filteredOn(result -> result.app().equals(app))
        .extracting(ActionResult::actionId)
        .containsExactlyElementsOf(sent.stream().map(Action::actionId).toList());
  }

  @Test
  void handlerFailuresBecomeFailedResultsAndTheRunnerGoesOn() throws Exception {
    AppKey app = newApp("failures");
    Action permanent = ensure(app, "permanent");
    Action retryable = ensure(app, "retryable");
    Action unexpected = ensure(app, "unexpected");
    Action fine = ensure(app, "fine");
    handler.failWith(
        permanent.actionId(), () -> ActuatorException.permanent("owned by someone else"));
    handler.failWith(
        retryable.actionId(),
        () -> ActuatorException.retryable("server busy", new IllegalStateException("503")));
    handler.failWith(unexpected.actionId(), () -> new IllegalStateException("boom"));
    kit.start(kit.config(ActionKind.BUCKET), handler);

    for (Action action : List.of(permanent, retryable, unexpected, fine)) {
      kit.send(action);
    }

    ActionResult permanentResult = kit.awaitResult(permanent);
    assertThat(permanentResult.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
    assertThat(permanentResult.error()).isEqualTo("owned by someone else");
    assertThat(permanentResult.observed()).isNull();
    ActionResult retryableResult = kit.awaitResult(retryable);
    assertThat(retryableResult.outcome()).isEqualTo(Outcome.FAILED_RETRYABLE);
    assertThat(retryableResult.error()).contains("server busy").contains("503");
    ActionResult unexpectedResult = kit.awaitResult(unexpected);
    assertThat(unexpectedResult.outcome()).isEqualTo(Outcome.FAILED_RETRYABLE);
    assertThat(unexpectedResult.error()).isEqualTo("IllegalStateException: boom");
    assertThat(kit.awaitResult(fine).outcome()).isEqualTo(Outcome.CREATED);
  }

  @Test
  void aHandlerThatRunsPastTheActionTimeoutIsReportedRetryable() throws Exception {
    AppKey app = newApp("timeout");
    handler.hold(app, gate());
    kit.start(kit.config(ActionKind.BUCKET).withActionTimeout(Duration.ofMillis(500)), handler);

    Sent sent = kit.send(ensure(app, "1"));

    ActionResult result = kit.awaitResult(sent.action());
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED_RETRYABLE);
    assertThat(result.error()).contains("did not finish within PT0.5S");
  }

  @Test
  void anActionOfAnotherKindIsAPermanentFailure() throws Exception {
    AppKey app = newApp("kind");
    Observe redisCheck =
        Observe.of(app, "uid", ActionKind.REDIS, "x-redis", "cause", "drift check");
    kit.start(kit.config(ActionKind.BUCKET), handler);

    kit.send(redisCheck);

    ActionResult result = kit.awaitResult(redisCheck);
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED_PERMANENT);
    assertThat(result.error()).contains("REDIS");
    assertThat(handler.started()).isEmpty();
  }

  @Test
  void unreadableRecordsGoToTheDeadLetterTopicWithTheReasonAndTheRunnerMovesOn() throws Exception {
    RunnerConfig config = kit.config(ActionKind.BUCKET);
    kit.start(config, handler);
    AppKey app = newApp("dlq");
    byte[] key = app.toString().getBytes(StandardCharsets.UTF_8);
    byte[] garbage = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};

    var notJson = kit.sendRaw(null, key, garbage);
    var badKey =
        kit.sendRaw(notJson.partition(), "not-a-key".getBytes(StandardCharsets.UTF_8), key);
    var tombstone = kit.sendRaw(notJson.partition(), key, null);
    Sent after = kit.send(ensure(app, "after"));

    assertThat(kit.awaitResult(after.action()).outcome()).isEqualTo(Outcome.CREATED);
    await().atMost(TIMEOUT).until(() -> kit.deadLetters().size() == 3);
    List<DeadLetter.Info> letters =
        kit.deadLetters().stream()
            .map(letter -> DeadLetter.read(letter.headers()).orElseThrow())
            .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
            .toList();
    assertThat(letters)
        .extracting(DeadLetter.Info::reason)
        .containsExactly("NOT_JSON", "INVALID_KEY", "MISSING_FIELD");
    assertThat(letters)
        .extracting(DeadLetter.Info::offset)
        .containsExactly(notJson.offset(), badKey.offset(), tombstone.offset());
    assertThat(letters)
        .allSatisfy(
            info -> {
              assertThat(info.topic()).isEqualTo(kit.topics().actions().name());
              assertThat(info.partition()).isEqualTo(notJson.partition());
              assertThat(info.stage()).isEqualTo(Sources.actuator(ActionKind.BUCKET));
            });
    assertThat(kit.deadLetters().get(0).value()).isEqualTo(garbage);
    kit.awaitAllCommitted(config.groupId());
  }

  @Test
  void anActionFromAnAbortedTransactionNeverRuns() throws Exception {
    AppKey app = newApp("aborted");
    Action aborted = ensure(app, "aborted");
    Action committed = ensure(app, "committed");
    kit.start(kit.config(ActionKind.BUCKET), handler);

    try (KafkaProducer<AppKey, Action> planner = kit.transactionalProducer()) {
      planner.beginTransaction();
      planner
          .send(
              Records.producerRecord(
                  kit.topics().actions(), app, aborted, Sources.planner(), Clock.systemUTC()))
          .get();
      planner.abortTransaction();
      planner.beginTransaction();
      planner.send(
          Records.producerRecord(
              kit.topics().actions(), app, committed, Sources.planner(), Clock.systemUTC()));
      planner.commitTransaction();
    }

    // Both are on one partition, the aborted one first: once the committed one ran, the aborted
    // one would have run before it.
    assertThat(kit.awaitResult(committed).outcome()).isEqualTo(Outcome.CREATED);
    assertThat(handler.startedCount(aborted.actionId())).isZero();
    assertThat(kit.resultsFor(aborted.actionId())).isEmpty();
  }

  @Test
  void aCrashBetweenSideEffectAndResultRunsTheActionAgainAndPublishesOneResult() throws Exception {
    RunnerConfig config = kit.config(ActionKind.BUCKET);
    ActuatorRunner crashing =
        kit.start(
            config,
            handler,
            (action, result) -> {
              throw new IllegalStateException("simulated crash");
            });
    Sent sent = kit.send(ensure(newApp("crash"), "1"));

    assertThat(crashing.awaitTermination())
        .get()
        .hasToString("java.lang.IllegalStateException: simulated crash");
    assertThat(handler.startedCount(sent.action().actionId())).isEqualTo(1);
    assertThat(kit.committed(config.groupId())).doesNotContainKey(sent.partition());

    kit.start(config, handler);

    assertThat(kit.awaitResult(sent.action()).outcome()).isEqualTo(Outcome.CREATED);
    kit.awaitAllCommitted(config.groupId());
    assertThat(handler.startedCount(sent.action().actionId())).isEqualTo(2);
    assertThat(kit.resultsFor(sent.action().actionId())).hasSize(1);
  }

  @Test
  void twoInstancesShareThePartitionsAndOneThatStopsHandsItsWorkOver() throws Exception {
    RunnerConfig config = kit.config(ActionKind.BUCKET);
    ScriptedHandler firstHandler = new ScriptedHandler();
    ScriptedHandler secondHandler = handler;
    ActuatorRunner first = kit.start(config, firstHandler);
    ActuatorRunner second = kit.start(config, secondHandler);
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                !first.assignment().isEmpty()
                    && !second.assignment().isEmpty()
                    && first.assignment().size() + second.assignment().size() == 4);

    // One app per partition: each instance runs the apps of its own partitions.
    List<AppKey> apps = kit.onePerPartition(() -> newApp("shared"));
    for (AppKey app : apps) {
      kit.send(ensure(app, "shared"));
    }
    for (AppKey app : apps) {
      kit.awaitResult(ensure(app, "shared"));
    }
    for (AppKey app : apps) {
      ScriptedHandler expected = kit.holds(first, app) ? firstHandler : secondHandler;
      assertThat(expected.finished()).extracting(Action::app).contains(app);
    }

    // The first instance holds one action and has the next of that app queued when it stops.
    AppKey app =
        apps.stream().filter(candidate -> kit.holds(first, candidate)).findFirst().orElseThrow();
    CountDownLatch gate = gate();
    firstHandler.hold(app, gate);
    Action running = ensure(app, "running");
    Action queued = ensure(app, "queued");
    kit.send(running);
    kit.send(queued);
    await()
        .atMost(TIMEOUT)
        .until(() -> first.inFlight() == 2 && firstHandler.startedCount(running.actionId()) == 1);

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(first::close);
    await().atMost(TIMEOUT).until(() -> !first.isReady());
    gate.countDown();
    stopping.get();

    assertThat(kit.awaitResult(queued).outcome()).isEqualTo(Outcome.CREATED);
    assertThat(firstHandler.startedCount(running.actionId())).isEqualTo(1);
    assertThat(firstHandler.startedCount(queued.actionId())).isZero();
    assertThat(secondHandler.startedCount(running.actionId())).isZero();
    assertThat(secondHandler.startedCount(queued.actionId())).isEqualTo(1);
    assertThat(kit.resultsFor(running.actionId())).hasSize(1);
    assertThat(kit.resultsFor(queued.actionId())).hasSize(1);
    assertThat(second.assignment()).hasSize(4);
    kit.awaitAllCommitted(config.groupId());
  }

  @Test
  void closeLetsTheRunningActionFinishAndCommitsIt() throws Exception {
    RunnerConfig config = kit.config(ActionKind.BUCKET);
    AppKey app = newApp("close");
    CountDownLatch gate = gate();
    handler.hold(app, gate);
    ActuatorRunner runner = kit.start(config, handler);
    Sent sent = kit.send(ensure(app, "1"));
    await().atMost(TIMEOUT).until(() -> handler.startedCount(sent.action().actionId()) == 1);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(runner::close);
    await().atMost(TIMEOUT).until(() -> !runner.isReady());
    gate.countDown();
    closing.get();

    assertThat(kit.awaitResult(sent.action()).outcome()).isEqualTo(Outcome.CREATED);
    assertThat(kit.committed(config.groupId())).containsEntry(sent.partition(), sent.offset() + 1);
  }

  @Test
  void pausesTakingActionsWhileTooManyAreInFlight() throws Exception {
    AppKey app = newApp("pause");
    CountDownLatch gate = gate();
    handler.hold(app, gate);
    List<EnsureBucket> sent = IntStream.range(0, 10).mapToObj(i -> ensure(app, "p" + i)).toList();
    for (EnsureBucket action : sent) {
      kit.send(action);
    }
    ActuatorRunner runner =
        kit.start(kit.config(ActionKind.BUCKET).withConcurrency(1).withMaxInFlight(2), handler);

    // Without backpressure the runner would take all 10 within a few polls.
    await().atMost(TIMEOUT).during(Duration.ofSeconds(1)).until(() -> runner.inFlight() == 2);
    gate.countDown();

    kit.awaitResult(sent.get(9));
    assertThat(handler.finished()).hasSize(10);
  }

  @Test
  void metricsCountActionsByKindAndOutcome() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    AppKey app = newApp("metrics");
    Action failing = ensure(app, "failing");
    handler.failWith(failing.actionId(), () -> ActuatorException.permanent("no"));
    kit.start(kit.config(ActionKind.BUCKET), handler, FaultHook.NONE, registry);

    kit.send(ensure(app, "ok"));
    kit.send(failing);
    kit.awaitResult(failing);

    String metrics = scrape(registry);
    assertThat(metrics)
        .contains("opstream_actuator_actions_total{kind=\"bucket\",outcome=\"CREATED\"} 1.0")
        .contains(
            "opstream_actuator_actions_total{kind=\"bucket\",outcome=\"FAILED_PERMANENT\"} 1.0")
        .contains("opstream_actuator_action_duration_seconds_count{kind=\"bucket\"} 2")
        .contains("opstream_actuator_actions_in_flight{kind=\"bucket\"} 0.0")
        .contains("opstream_actuator_consumer_lag{kind=\"bucket\"}")
        .contains("opstream_actuator_dead_letters_total{kind=\"bucket\"} 0.0");
  }

  private CountDownLatch gate() {
    CountDownLatch gate = new CountDownLatch(1);
    gates.add(gate);
    return gate;
  }

  private static String scrape(PrometheusRegistry registry) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
