package dev.opstream.replay.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.replay.AppSelector;
import dev.opstream.topics.Topics;
import dev.opstream.topics.records.Action;
import dev.opstream.topics.records.ActionResult;
import dev.opstream.topics.records.Annotations;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.BucketSpec;
import dev.opstream.topics.records.DeleteBucket;
import dev.opstream.topics.records.DeploymentEvent;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.EnsureBucket;
import dev.opstream.topics.records.OnDelete;
import dev.opstream.topics.records.Outcome;
import dev.opstream.topics.records.ResourceState;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.WatchScope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ChainBuilderTest {

  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final AppKey APP = new AppKey("eks", "shop", "cart");
  private static final AppKey OTHER = new AppKey("eks", "shop", "other");

  private final Recorded recorded = new Recorded();
  private final List<Chain> out = new ArrayList<>();

  @Test
  void aResultReadBeforeItsActionAtTheSameMillisecondStillJoinsTheActionsChain() {
    ChainBuilder builder = builder(ChainBuilder.Limits.DEFAULT);
    Action ensure = ensure(APP, "observed-1");
    builder.accept(observed(APP, "observed-1", T0, "true"));
    builder.accept(result(ensure, "result-1", "action-1", T0.plusMillis(5)));
    builder.accept(action(ensure, "action-1", T0.plusMillis(5)));
    builder.finish();

    assertThat(out)
        .singleElement()
        .satisfies(
            chain -> {
              assertThat(chain.cause().eventId()).isEqualTo("observed-1");
              assertThat(chain.hops())
                  .extracting(Hop::what)
                  .containsExactly("EnsureBucket #1", "CREATED");
            });
  }

  @Test
  void anActionWhoseCauseWasNotReadStartsAChainSayingSo() {
    ChainBuilder builder = builder(ChainBuilder.Limits.DEFAULT);
    builder.accept(action(ensure(APP, "long-ago"), "action-1", T0));
    builder.finish();

    assertThat(out)
        .singleElement()
        .satisfies(
            chain -> {
              assertThat(chain.cause().type()).isEqualTo(Cause.Type.OUTSIDE_RANGE);
              assertThat(chain.cause().eventId()).isEqualTo("long-ago");
              assertThat(chain.hops().get(0).latencyMillis()).isEqualTo(-1);
            });
  }

  @Test
  void aDeletionInferredFromASnapshotIsTracedToThatSnapshot() {
    ChainBuilder builder = builder(ChainBuilder.Limits.DEFAULT);
    List<SnapshotComplete> chunks =
        SnapshotComplete.chunks("snap-7", "eks", WatchScope.all(), 0, List.of(), 1000, T0);
    builder.accept(recorded.of(Topics.DEPLOYMENTS, null, chunks.get(0), "snapshot-1", T0));
    builder.accept(
        action(DeleteBucket.of(APP, "uid-1", "b", "snapshot-1", "gone"), "action-1", T0));
    builder.finish();

    assertThat(out)
        .singleElement()
        .satisfies(
            chain -> {
              assertThat(chain.cause().type()).isEqualTo(Cause.Type.SNAPSHOT);
              assertThat(chain.cause().detail()).contains("snapshot snap-7 of cluster eks");
            });
  }

  @Test
  void aTombstoneIsNamedAsThePlannerNamesIt() {
    ChainBuilder builder = builder(ChainBuilder.Limits.DEFAULT);
    var tombstone = recorded.of(Topics.DEPLOYMENTS, APP, null, null, T0);
    String plannerId = "opstream.deployments-0@" + tombstone.offset();
    builder.accept(tombstone);
    builder.accept(action(DeleteBucket.of(APP, "uid-1", "b", plannerId, "gone"), "a-1", T0));
    builder.finish();

    assertThat(out)
        .singleElement()
        .satisfies(
            chain -> {
              assertThat(chain.cause().type()).isEqualTo(Cause.Type.TOMBSTONE);
              assertThat(chain.hops()).extracting(Hop::latencyMillis).containsExactly(0L);
            });
  }

  @Test
  void aChangeIsDescribedAsTheAnnotationsThatDiffer() {
    ChainBuilder builder = builder(ChainBuilder.Limits.DEFAULT);
    builder.accept(observed(APP, "o-1", T0, "true"));
    builder.accept(action(ensure(APP, "o-1"), "a-1", T0));
    builder.accept(observed(APP, "o-2", T0.plusSeconds(1), "false"));
    builder.accept(
        action(DeleteBucket.of(APP, "uid-1", "b", "o-2", "disabled"), "a-2", T0.plusSeconds(1)));
    builder.finish();

    assertThat(out)
        .extracting(chain -> chain.cause().detail())
        .containsExactly(
            "first seen: opstream.dev/enabled=\"true\"",
            "opstream.dev/enabled: \"true\" → \"false\"");
  }

  @Test
  void moreChainsThanAnAppMayHoldHandTheOldestOnAtOnce() {
    ChainBuilder builder =
        builder(new ChainBuilder.Limits(10, 2, 10, 100, java.time.Duration.ofHours(1)));
    for (int i = 0; i < 3; i++) {
      Instant at = T0.plusSeconds(i);
      builder.accept(observed(APP, "o-" + i, at, i % 2 == 0 ? "true" : "false"));
      builder.accept(action(ensure(APP, "o-" + i), "a-" + i, at));
    }

    assertThat(out).as("the third chain pushed the first out").hasSize(1);
    assertThat(out.get(0).cause().eventId()).isEqualTo("o-0");
    builder.finish();
    assertThat(out).extracting(c -> c.cause().eventId()).containsExactly("o-0", "o-1", "o-2");
  }

  @Test
  void aChainIdleForLongerThanTheLimitIsHandedOnAndALateStepContinuesItsCause() {
    ChainBuilder builder =
        builder(ChainBuilder.Limits.DEFAULT.withIdle(java.time.Duration.ofMinutes(1)));
    builder.accept(observed(APP, "o-1", T0, "false"));
    Action delete = DeleteBucket.of(APP, "uid-1", "b", "o-1", "disabled");
    builder.accept(action(delete, "a-1", T0));
    for (int i = 0; i < 5000; i++) {
      builder.accept(observed(OTHER, "other-" + i, T0.plusSeconds(120), "true"));
    }
    assertThat(out).as("idle for 2 minutes: handed on").hasSize(1);

    builder.accept(result(delete, "r-1", "a-1", T0.plusSeconds(121)));
    builder.finish();

    assertThat(out).hasSize(2);
    assertThat(out.get(1).cause().type())
        .as("the action was forgotten with its chain")
        .isEqualTo(Cause.Type.OUTSIDE_RANGE);
  }

  @Test
  void moreAppsThanMayBeHeldHandTheLeastRecentlySeenOneOn() {
    ChainBuilder builder =
        builder(new ChainBuilder.Limits(1, 10, 10, 100, java.time.Duration.ofHours(1)));
    builder.accept(observed(APP, "o-1", T0, "true"));
    builder.accept(action(ensure(APP, "o-1"), "a-1", T0));
    builder.accept(observed(OTHER, "o-2", T0, "true"));

    assertThat(out).extracting(Chain::app).containsExactly(APP);
  }

  @Test
  void otherAppsAreSkippedAndUnreadableRecordsCounted() {
    ChainBuilder builder =
        new ChainBuilder(new AppSelector.App(APP), out::add, ChainBuilder.Limits.DEFAULT);
    builder.accept(observed(OTHER, "o-1", T0, "true"));
    builder.accept(action(ensure(OTHER, "o-1"), "a-1", T0));
    builder.accept(
        recorded.raw(
            Topics.RESULTS.name(),
            APP.toString().getBytes(StandardCharsets.UTF_8),
            "{not json".getBytes(StandardCharsets.UTF_8),
            new RecordHeaders(),
            T0));
    builder.finish();

    assertThat(out).isEmpty();
    assertThat(builder.stats().records()).isEqualTo(3);
    assertThat(builder.stats().unreadable()).isEqualTo(1);
  }

  // ---- helpers ----

  private ChainBuilder builder(ChainBuilder.Limits limits) {
    return new ChainBuilder(AppSelector.ALL, out::add, limits);
  }

  private static Action ensure(AppKey app, String causedBy) {
    return EnsureBucket.of(app, "uid-1", new BucketSpec("b", OnDelete.DELETE), causedBy, "wanted");
  }

  private org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> observed(
      AppKey app, String id, Instant at, String enabled) {
    DeploymentEvent observed =
        DeploymentObserved.of(
            app, "uid-1", "rv-" + id, 1, Map.of(Annotations.ENABLED, enabled), Map.of(), at);
    return recorded.of(Topics.DEPLOYMENTS, app, observed, id, at);
  }

  private org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> action(
      Action action, String id, Instant at) {
    return recorded.of(action.kind().topic(), action.app(), action, id, at);
  }

  private org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> result(
      Action action, String id, String causedBy, Instant at) {
    ActionResult result =
        ActionResult.of(
            action, Outcome.CREATED, ResourceState.managed(Map.of()), null, causedBy, at);
    return recorded.of(Topics.RESULTS, action.app(), result, id, at);
  }
}
