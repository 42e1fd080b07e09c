package dev.opstream.watcher.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.DeploymentDeleted;
import dev.opstream.topics.records.DeploymentObserved;
import dev.opstream.topics.records.WatchScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboxTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final AppKey WEB = new AppKey("eks", "shop", "web");
  private static final AppKey API = new AppKey("eks", "shop", "api");
  private static final AppKey GKE_WEB = new AppKey("gke", "shop", "web");

  private final Outbox outbox = new Outbox(100);

  @Test
  void sendsInQueueOrderAndOneUnitPerAppAtATime() throws Exception {
    Publication web1 = observed(WEB, "u1", "1");
    Publication api1 = observed(API, "u2", "2");
    Publication webDeleted = deleted(WEB, "u1");
    outbox.addAll(List.of(web1, api1, webDeleted));

    List<Outbox.Unit> first = take();
    assertThat(publications(first)).containsExactly(web1, api1);

    outbox.acked(first.get(0));
    List<Outbox.Unit> second = take();
    assertThat(publications(second)).containsExactly(webDeleted);
  }

  @Test
  void replacesAnUnsentStateOfTheSameDeploymentKeepingItsPlace() throws Exception {
    Publication web1 = observed(WEB, "u1", "1");
    Publication api1 = observed(API, "u2", "2");
    Publication web3 = observed(WEB, "u1", "3");
    outbox.addAll(List.of(web1, api1, web3));

    assertThat(publications(take())).containsExactly(web3, api1);
    assertThat(outbox.coalesced()).isEqualTo(1);
  }

  @Test
  void queuesANewStateBehindTheOneInFlight() throws Exception {
    outbox.add(observed(WEB, "u1", "1"));
    List<Outbox.Unit> inFlight = take();
    Publication web2 = observed(WEB, "u1", "2");
    Publication web3 = observed(WEB, "u1", "3");
    outbox.addAll(List.of(web2, web3));

    assertThat(take()).isEmpty();
    outbox.acked(inFlight.get(0));
    assertThat(publications(take())).containsExactly(web3);
  }

  @Test
  void neverCoalescesADeletionOrAStateOfAnotherUid() throws Exception {
    Publication web1 = observed(WEB, "u1", "1");
    Publication gone = deleted(WEB, "u1");
    Publication recreated = observed(WEB, "u9", "5");
    outbox.addAll(List.of(web1, gone, recreated));

    assertThat(publications(sendAll())).containsExactly(web1, gone, recreated);
  }

  @Test
  void sendsAFailedUnitAgainBeforeLaterOnes() throws Exception {
    Publication web1 = observed(WEB, "u1", "1");
    outbox.add(web1);
    List<Outbox.Unit> attempt = take();
    outbox.add(deleted(WEB, "u1"));

    outbox.failed(attempt.get(0));

    assertThat(publications(take())).containsExactly(web1);
  }

  @Test
  void dropsAFailedStateThatANewerStateOfTheSameDeploymentReplaces() throws Exception {
    outbox.add(observed(WEB, "u1", "1"));
    List<Outbox.Unit> attempt = take();
    Publication web2 = observed(WEB, "u1", "2");
    outbox.add(web2);

    outbox.failed(attempt.get(0));

    assertThat(publications(take())).containsExactly(web2);
    assertThat(outbox.size()).isEqualTo(1);
  }

  @Test
  void sendsASnapshotOnlyAfterEverythingQueuedBeforeItIsAcknowledged() throws Exception {
    Publication web1 = observed(WEB, "u1", "1");
    Publication.Snapshot snapshot = snapshot("eks", "s1", WEB);
    outbox.addAll(List.of(web1, snapshot));

    List<Outbox.Unit> first = take();
    assertThat(publications(first)).containsExactly(web1);
    assertThat(take()).isEmpty();

    outbox.acked(first.get(0));
    assertThat(publications(take())).containsExactly(snapshot);
  }

  @Test
  void holdsWhatCameAfterASnapshotUntilTheSnapshotIsAcknowledged() throws Exception {
    Publication.Snapshot snapshot = snapshot("eks", "s1", WEB);
    Publication gone = deleted(WEB, "u1");
    outbox.addAll(List.of(snapshot, gone));

    List<Outbox.Unit> first = take();
    assertThat(publications(first)).containsExactly(snapshot);
    assertThat(take()).isEmpty();

    outbox.acked(first.get(0));
    assertThat(publications(take())).containsExactly(gone);
  }

  @Test
  void replacesAnUnsentSnapshotOfTheSameClusterOnly() throws Exception {
    Publication.Snapshot eks1 = snapshot("eks", "s1", WEB);
    Publication.Snapshot gke = snapshot("gke", "s2", GKE_WEB);
    Publication.Snapshot eks2 = snapshot("eks", "s3", WEB, API);
    outbox.addAll(List.of(eks1, gke, eks2));

    assertThat(publications(sendAll())).containsExactly(gke, eks2);
  }

  @Test
  void boundsWhatIsInFlight() throws Exception {
    Outbox small = new Outbox(2);
    small.addAll(
        List.of(observed(WEB, "u1", "1"), observed(API, "u2", "1"), observed(GKE_WEB, "u3", "1")));

    List<Outbox.Unit> first = small.take(10, Duration.ZERO);
    assertThat(first).hasSize(2);
    assertThat(small.take(10, Duration.ZERO)).isEmpty();

    small.acked(first.get(0));
    assertThat(small.take(10, Duration.ZERO)).hasSize(1);
  }

  @Test
  void forgetsWhatIsUnsentAboutAClusterItNoLongerLeadsAndDoesNotRetryItsUnitInFlight()
      throws Exception {
    outbox.add(observed(WEB, "u1", "1"));
    List<Outbox.Unit> inFlight = take();
    Publication gkeWeb = observed(GKE_WEB, "u3", "1");
    outbox.addAll(List.of(observed(WEB, "u1", "2"), snapshot("eks", "s1", WEB), gkeWeb));

    outbox.dropCluster("eks");
    outbox.failed(inFlight.get(0));

    assertThat(publications(sendAll())).containsExactly(gkeWeb);
    assertThat(outbox.size()).isZero();
  }

  @Test
  void awaitsUntilEverythingIsAcknowledged() throws Exception {
    outbox.add(observed(WEB, "u1", "1"));
    assertThat(outbox.awaitEmpty(Duration.ofMillis(10))).isFalse();

    outbox.acked(take().get(0));

    assertThat(outbox.awaitEmpty(Duration.ofMillis(10))).isTrue();
  }

  /** Takes and acknowledges until nothing is left; returns every unit in the order taken. */
  private List<Outbox.Unit> sendAll() throws InterruptedException {
    List<Outbox.Unit> all = new ArrayList<>();
    List<Outbox.Unit> units = take();
    while (!units.isEmpty()) {
      all.addAll(units);
      units.forEach(outbox::acked);
      units = take();
    }
    return all;
  }

  private List<Outbox.Unit> take() throws InterruptedException {
    return outbox.take(100, Duration.ZERO);
  }

  private static List<Publication> publications(List<Outbox.Unit> units) {
    return units.stream().map(Outbox.Unit::publication).toList();
  }

  private static Publication observed(AppKey app, String uid, String resourceVersion) {
    return new Publication.Observed(
        DeploymentObserved.of(app, uid, resourceVersion, 1, Map.of(), Map.of(), T0));
  }

  private static Publication deleted(AppKey app, String uid) {
    return new Publication.Deleted(DeploymentDeleted.of(app, uid, null, T0));
  }

  private static Publication.Snapshot snapshot(String cluster, String id, AppKey... keys) {
    return new Publication.Snapshot(id, cluster, WatchScope.all(), Set.of(keys), T0);
  }
}
