package dev.opstream.planner;

import static dev.opstream.topics.records.ActionType.DELETE_BACKUP_CRONJOB;
import static dev.opstream.topics.records.ActionType.DELETE_BUCKET;
import static dev.opstream.topics.records.ActionType.DELETE_REDIS;
import static dev.opstream.topics.records.ActionType.ENSURE_BACKUP_CRONJOB;
import static dev.opstream.topics.records.ActionType.ENSURE_BUCKET;
import static dev.opstream.topics.records.ActionType.ENSURE_REDIS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.planner.core.PlanningPolicy;
import dev.opstream.planner.shadow.ShadowAction;
import dev.opstream.planner.shadow.ShadowPartition;
import dev.opstream.planner.shadow.ShadowPlanner;
import dev.opstream.topics.Topic;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionType;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shadow planner fed a history recorded from the planner topology (timer firings included)
 * decides exactly what was recorded with the same policy, and differs where a changed policy would.
 */
class ShadowPlannerTest {

  private static final AppKey STAYS = new AppKey("prod", "shop", "cart");
  private static final AppKey GOES = new AppKey("prod", "shop", "legacy");
  private static final PlanningPolicy RECORDED =
      PlanningPolicy.defaults().withGracePeriod(Duration.ofSeconds(30));

  @TempDir Path dir;

  @Test
  void withTheRecordedPolicyTheShadowPlannerDecidesExactlyTheRecordedActions() {
    Recording recording = record();

    List<String> shadow = fingerprints(shadow(RECORDED, recording.inputs()));

    assertThat(shadow).isEqualTo(recording.actions());
    assertThat(shadow).as("4 for the app that stays, 7 for the one torn down").hasSize(11);
  }

  @Test
  void aLongerGracePeriodOnlyLosesTheTornDownAppsBucketDelete() {
    Recording recording = record();

    List<String> shadow =
        fingerprints(shadow(RECORDED.withGracePeriod(Duration.ofHours(1)), recording.inputs()));

    List<String> expected = new ArrayList<>(recording.actions());
    expected.removeIf(action -> action.startsWith(GOES + " " + DELETE_BUCKET));
    assertThat(expected).hasSize(recording.actions().size() - 1);
    assertThat(shadow).isEqualTo(expected);
  }

  /** What the planner topology did, and everything it read, in order. */
  private record Recording(List<PlannerDriver.Fed> inputs, List<String> actions) {}

  private Recording record() {
    try (PlannerDriver planner = new PlannerDriver(RECORDED, dir.resolve("recorded"))) {
      planner.deploy(STAYS, "uid-stays", Map.of(Annotations.ENABLED, "true"));
      List<TestRecord<AppKey, Action>> first = planner.actions();
      planner.answer(find(first, ENSURE_BUCKET), Outcome.CREATED);
      planner.answer(find(first, ENSURE_REDIS), Outcome.CREATED);
      planner.answer(find(planner.actions(), ENSURE_BACKUP_CRONJOB), Outcome.CREATED);
      planner.after(Duration.ofSeconds(1));
      planner.deploy(
          STAYS,
          "uid-stays",
          Map.of(Annotations.ENABLED, "true", Annotations.REDIS_MEMORY, "512Mi"));
      planner.answer(find(planner.actions(), ENSURE_REDIS), Outcome.UPDATED);

      planner.deploy(GOES, "uid-goes", Map.of(Annotations.ENABLED, "true"));
      List<TestRecord<AppKey, Action>> goes = planner.actions();
      planner.answer(find(goes, ENSURE_BUCKET), Outcome.CREATED);
      planner.answer(find(goes, ENSURE_REDIS), Outcome.FAILED_RETRYABLE);
      planner.advance(Duration.ofSeconds(20));
      planner.answer(find(planner.actions(), ENSURE_REDIS), Outcome.CREATED);
      planner.answer(find(planner.actions(), ENSURE_BACKUP_CRONJOB), Outcome.CREATED);
      planner.after(Duration.ofSeconds(1));
      planner.deploy(GOES, "uid-goes", Map.of(Annotations.ENABLED, "false"));
      planner.answer(find(planner.actions(), DELETE_BACKUP_CRONJOB), Outcome.DELETED);
      planner.answer(find(planner.actions(), DELETE_REDIS), Outcome.DELETED);
      planner.advance(Duration.ofSeconds(40));
      planner.answer(find(planner.actions(), DELETE_BUCKET), Outcome.DELETED);
      planner.advance(Duration.ofSeconds(1));
      return new Recording(List.copyOf(planner.fed()), fingerprints(planner.allActions()));
    }
  }

  private List<ShadowAction> shadow(PlanningPolicy policy, List<PlannerDriver.Fed> inputs) {
    List<ShadowAction> decided = new ArrayList<>();
    try (ShadowPartition partition =
        new ShadowPlanner(policy, dir.resolve("shadow-" + System.nanoTime())).open(0)) {
      long offset = 0;
      for (PlannerDriver.Fed fed : inputs) {
        decided.addAll(partition.feed(asRecorded(fed, offset++)));
      }
    }
    return decided;
  }

  @SuppressWarnings("unchecked")
  private static ConsumerRecord<byte[], byte[]> asRecorded(PlannerDriver.Fed fed, long offset) {
    Topic<AppKey, Object> topic =
        (Topic<AppKey, Object>)
            (Topic<?, ?>)
                Topics.all().stream().filter(t -> t.name().equals(fed.topic())).findFirst().get();
    byte[] key =
        fed.key() == null ? null : topic.keySerde().serializer().serialize(fed.topic(), fed.key());
    byte[] value =
        fed.value() == null
            ? null
            : topic.valueSerde().serializer().serialize(fed.topic(), fed.value());
    return new ConsumerRecord<>(
        fed.topic(),
        0,
        offset,
        fed.at().toEpochMilli(),
        TimestampType.CREATE_TIME,
        key == null ? -1 : key.length,
        value == null ? -1 : value.length,
        key,
        value,
        fed.headers(),
        Optional.empty());
  }

  private static List<String> fingerprints(List<?> actions) {
    List<String> prints = new ArrayList<>();
    for (Object item : actions) {
      Action action = item instanceof ShadowAction shadow ? shadow.action() : cast(item).value();
      prints.add(
          action.app()
              + " "
              + action.actionType()
              + " "
              + action.actionId()
              + "#"
              + action.attempt());
    }
    return prints;
  }

  @SuppressWarnings("unchecked")
  private static TestRecord<AppKey, Action> cast(Object item) {
    return (TestRecord<AppKey, Action>) item;
  }

  private static TestRecord<AppKey, Action> find(
      List<TestRecord<AppKey, Action>> actions, ActionType type) {
    return actions.stream()
        .filter(r -> r.value().actionType() == type)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no "
                        + type
                        + " in "
                        + actions.stream().map(r -> r.value().actionType()).toList()));
  }
}
