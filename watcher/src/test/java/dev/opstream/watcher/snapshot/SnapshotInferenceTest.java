package dev.opstream.watcher.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.SnapshotComplete;
import dev.opstream.topics.records.WatchScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotInferenceTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final WatchScope SHOP = WatchScope.namespaces(List.of("shop"));
  private static final AppKey WEB = new AppKey("eks", "shop", "web");
  private static final AppKey API = new AppKey("eks", "shop", "api");
  private static final AppKey CART = new AppKey("eks", "shop", "cart");
  private static final AppKey JOBS = new AppKey("eks", "batch", "jobs");

  private final SnapshotInference inference = new SnapshotInference();

  @Test
  void infersNothingFromASnapshotThatListsWhatWasObserved() {
    observe(WEB, API);

    SnapshotInference.Inference first = complete("s1", SHOP, WEB, API);

    assertThat(first.deleted()).isEmpty();
    assertThat(first.added()).isEmpty();
    assertThat(first.listed()).containsExactlyInAnyOrder(WEB, API);
  }

  @Test
  void infersDeletionsAndAdditionsThatHappenedWhileNothingWatched() {
    observe(WEB, API);
    complete("s1", SHOP, WEB, API);

    // The watcher restarts: web was deleted and cart created while it was down.
    observe(API, CART);
    SnapshotInference.Inference second = complete("s2", SHOP, API, CART);

    assertThat(second.deleted()).containsExactly(WEB);
    assertThat(second.added()).containsExactly(CART);
    assertThat(inference.existing("eks", 0)).containsExactlyInAnyOrder(API, CART);
  }

  @Test
  void neverInfersTheDeletionOfAKeyOutsideTheSnapshotsScope() {
    observe(WEB, JOBS);

    SnapshotInference.Inference snapshot = complete("s1", SHOP, WEB);

    assertThat(snapshot.deleted()).isEmpty();
    assertThat(inference.existing("eks", 0)).contains(JOBS);
  }

  @Test
  void doesNotInferAgainADeletionThatWasRecorded() {
    observe(WEB, API);
    complete("s1", SHOP, WEB, API);
    inference.accept(0, WEB, DeploymentDeleted.of(WEB, "uid-web", null, T0));
    inference.accept(0, WEB, null);

    assertThat(complete("s2", SHOP, API).deleted()).isEmpty();
  }

  @Test
  void waitsForEveryChunkOfTheSnapshot() {
    observe(WEB, API);
    List<SnapshotComplete> chunks =
        SnapshotComplete.chunks("s1", "eks", SHOP, 0, List.of(API, WEB), 20, T0);
    assertThat(chunks).hasSize(2);

    Optional<SnapshotInference.Inference> afterFirst = inference.accept(0, null, chunks.get(1));
    Optional<SnapshotInference.Inference> afterSecond = inference.accept(0, null, chunks.get(0));

    assertThat(afterFirst).isEmpty();
    assertThat(afterSecond)
        .hasValueSatisfying(i -> assertThat(i.listed()).containsExactlyInAnyOrder(WEB, API));
  }

  @Test
  void keepsClustersAndPartitionsApart() {
    AppKey gkeWeb = new AppKey("gke", "shop", "web");
    inference.accept(0, gkeWeb, observed(gkeWeb));
    inference.accept(1, WEB, observed(WEB));

    SnapshotInference.Inference eksPartition0 = complete("s1", SHOP);

    assertThat(eksPartition0.deleted()).isEmpty();
    assertThat(inference.existing("gke", 0)).containsExactly(gkeWeb);
    assertThat(inference.existing("eks", 1)).containsExactly(WEB);
  }

  private void observe(AppKey... keys) {
    for (AppKey key : keys) {
      inference.accept(0, key, observed(key));
    }
  }

  private SnapshotInference.Inference complete(String id, WatchScope scope, AppKey... keys) {
    List<SnapshotComplete> chunks =
        SnapshotComplete.chunks(id, "eks", scope, 0, Set.of(keys), 1024, T0);
    Optional<SnapshotInference.Inference> result = Optional.empty();
    for (SnapshotComplete chunk : chunks) {
      result = inference.accept(0, null, chunk);
    }
    return result.orElseThrow();
  }

  private static DeploymentObserved observed(AppKey key) {
    return DeploymentObserved.of(key, "uid-" + key.name(), "1", 1, Map.of(), Map.of(), T0);
  }
}
