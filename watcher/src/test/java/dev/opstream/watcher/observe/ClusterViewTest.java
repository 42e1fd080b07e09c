package dev.opstream.watcher.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.WatchScope;
import dev.opstream.watcher.publish.Publication;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClusterViewTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final AppKey WEB = new AppKey("eks", "shop", "web");
  private static final AppKey API = new AppKey("eks", "shop", "api");
  private static final AppKey JOBS = new AppKey("eks", "batch", "jobs");

  private final ClusterView all = new ClusterView("eks", WatchScope.all());

  @Test
  void publishesEachDeploymentOfTheFirstListOnceThenASnapshotOfAllKeys() {
    all.listStarted(ClusterView.ALL_NAMESPACES);
    List<Publication> added = all.upsert(state(WEB, "u1", "1", Map.of()));
    added = concat(added, all.upsert(state(API, "u2", "2", Map.of())));

    List<Publication> listed = all.listCompleted(ClusterView.ALL_NAMESPACES, "snap-1", T1);

    assertThat(added).hasSize(2).allMatch(p -> p instanceof Publication.Observed);
    assertThat(listed)
        .containsExactly(
            new Publication.Snapshot("snap-1", "eks", WatchScope.all(), Set.of(WEB, API), T1));
    assertThat(all.synced()).isTrue();
  }

  @Test
  void republishesAfterARelistWhatTheRelistDidNotChange() {
    all.listStarted(ClusterView.ALL_NAMESPACES);
    all.upsert(state(WEB, "u1", "1", Map.of()));
    all.upsert(state(API, "u2", "2", Map.of()));
    all.listCompleted(ClusterView.ALL_NAMESPACES, "snap-1", T0);

    all.listStarted(ClusterView.ALL_NAMESPACES);
    List<Publication> changed =
        all.upsert(state(WEB, "u1", "5", Map.of("opstream.dev/enabled", "true")));
    List<Publication> listed = all.listCompleted(ClusterView.ALL_NAMESPACES, "snap-2", T1);

    assertThat(changed).hasSize(1);
    assertThat(listed)
        .containsExactly(
            new Publication.Observed(
                DeploymentObserved.of(API, "u2", "2", 1, Map.of(), Map.of("app", "x"), T1)),
            new Publication.Snapshot("snap-2", "eks", WatchScope.all(), Set.of(WEB, API), T1));
  }

  @Test
  void publishesNothingForAnUpdateThatChangesNoRelevantField() {
    all.upsert(state(WEB, "u1", "1", Map.of("opstream.dev/enabled", "true")));

    List<Publication> scaled =
        all.upsert(state(WEB, "u1", "2", Map.of("opstream.dev/enabled", "true")));

    assertThat(scaled).isEmpty();
    assertThat(all.current(WEB))
        .hasValueSatisfying(s -> assertThat(s.resourceVersion()).isEqualTo("2"));
  }

  @Test
  void publishesADeletionWithTheDeletedUid() {
    all.upsert(state(WEB, "u1", "1", Map.of()));

    List<Publication> deleted = all.delete(WEB, "u1", "3", T1);

    assertThat(deleted)
        .containsExactly(new Publication.Deleted(DeploymentDeleted.of(WEB, "u1", "3", T1)));
    assertThat(all.current(WEB)).isEmpty();
  }

  @Test
  void publishesARecreatedDeploymentAfterItsDeletion() {
    all.upsert(state(WEB, "u1", "1", Map.of()));
    all.delete(WEB, "u1", "2", T0);

    assertThat(all.upsert(state(WEB, "u9", "3", Map.of()))).hasSize(1);
  }

  @Test
  void holdsTheSnapshotUntilEveryNamespaceHasListed() {
    ClusterView two = new ClusterView("eks", WatchScope.namespaces(List.of("shop", "batch")));
    two.listStarted("shop");
    two.listStarted("batch");
    two.upsert(state(WEB, "u1", "1", Map.of()));

    List<Publication> shopListed = two.listCompleted("shop", "snap-1", T0);
    two.upsert(state(JOBS, "u3", "2", Map.of()));
    List<Publication> batchListed = two.listCompleted("batch", "snap-2", T1);

    assertThat(shopListed).isEmpty();
    assertThat(two.synced()).isTrue();
    assertThat(batchListed)
        .containsExactly(
            new Publication.Snapshot(
                "snap-2",
                "eks",
                WatchScope.namespaces(List.of("batch", "shop")),
                Set.of(WEB, JOBS),
                T1));
  }

  @Test
  void ignoresDeploymentsOutsideItsScopeAndCluster() {
    ClusterView shop = new ClusterView("eks", WatchScope.namespaces(List.of("shop")));

    assertThat(shop.upsert(state(JOBS, "u3", "1", Map.of()))).isEmpty();
    assertThat(shop.upsert(state(new AppKey("gke", "shop", "web"), "u4", "1", Map.of()))).isEmpty();
    assertThat(shop.size()).isZero();
  }

  @Test
  void resyncPublishesEverythingAgainThenASnapshotButNothingBeforeTheFirstList() {
    all.upsert(state(WEB, "u1", "1", Map.of()));
    assertThat(all.resync("snap-0", T0)).isEmpty();

    all.listStarted(ClusterView.ALL_NAMESPACES);
    all.listCompleted(ClusterView.ALL_NAMESPACES, "snap-1", T0);
    List<Publication> resync = all.resync("snap-2", T1);

    assertThat(resync)
        .containsExactly(
            new Publication.Observed(
                DeploymentObserved.of(WEB, "u1", "1", 1, Map.of(), Map.of("app", "x"), T1)),
            new Publication.Snapshot("snap-2", "eks", WatchScope.all(), Set.of(WEB), T1));
  }

  private static DeploymentObserved state(
      AppKey app, String uid, String resourceVersion, Map<String, String> annotations) {
    return DeploymentObserved.of(app, uid, resourceVersion, 1, annotations, Map.of("app", "x"), T0);
  }

  private static List<Publication> concat(List<Publication> a, List<Publication> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
