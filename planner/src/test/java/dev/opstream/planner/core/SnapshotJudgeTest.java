package dev.opstream.planner.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.planner.core.SnapshotJudge.KnownApp;
import dev.opstream.planner.core.SnapshotJudge.Verdict;
import dev.opstream.topics.records.AppKey;
import dev.opstream.topics.records.WatchScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotJudgeTest {

  private static final Instant LISTED_AT = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant BEFORE = LISTED_AT.minusSeconds(60);
  private static final DeletionGuard GUARD = new DeletionGuard(0.5, 2);

  @Test
  void infersTheDeletionOfAnAppTheSnapshotNoLongerLists() {
    List<KnownApp> known = apps("prod", "shop", 4);
    Verdict verdict = judge(WatchScope.all(), Set.of(key(0), key(1), key(2)), known);
    assertThat(verdict.deleted()).containsExactly(key(3));
    assertThat(verdict.held()).isEmpty();
    assertThat(verdict.inScope()).isEqualTo(4);
  }

  @Test
  void leavesAppsOutsideTheScopeAlone() {
    List<KnownApp> known = new ArrayList<>(apps("prod", "shop", 2));
    known.add(new KnownApp(new AppKey("prod", "billing", "invoices"), true, BEFORE));
    Verdict verdict = judge(WatchScope.namespaces(List.of("shop")), Set.of(key(0), key(1)), known);
    assertThat(verdict.deleted()).isEmpty();
    assertThat(verdict.inScope()).isEqualTo(2);
  }

  @Test
  void leavesAppsOfOtherClustersAlone() {
    List<KnownApp> known = new ArrayList<>(apps("prod", "shop", 2));
    known.add(new KnownApp(new AppKey("staging", "shop", "app-0"), true, BEFORE));
    assertThat(judge(WatchScope.all(), Set.of(key(0), key(1)), known).deleted()).isEmpty();
  }

  @Test
  void leavesAnAppObservedAfterTheListWasTakenAlone() {
    List<KnownApp> known = new ArrayList<>(apps("prod", "shop", 3));
    known.add(new KnownApp(key(3), true, LISTED_AT.plusMillis(1)));
    assertThat(judge(WatchScope.all(), Set.of(key(0), key(1), key(2)), known).deleted()).isEmpty();
  }

  @Test
  void ignoresAppsAlreadyGone() {
    List<KnownApp> known = new ArrayList<>(apps("prod", "shop", 2));
    known.add(new KnownApp(key(2), false, BEFORE));
    assertThat(judge(WatchScope.all(), Set.of(key(0), key(1)), known).deleted()).isEmpty();
  }

  @Test
  void holdsASnapshotThatWouldDeleteMoreThanTheAllowedShare() {
    List<KnownApp> known = apps("prod", "shop", 10);
    Verdict verdict = judge(WatchScope.all(), Set.of(key(0), key(1), key(2), key(3)), known);
    assertThat(verdict.deleted()).isEmpty();
    assertThat(verdict.held()).hasSize(6);
    assertThat(verdict.message()).contains("6 of the 10 apps", "50%", "held");
  }

  @Test
  void letsExactlyTheAllowedShareGo() {
    List<KnownApp> known = apps("prod", "shop", 10);
    Verdict verdict =
        judge(WatchScope.all(), Set.of(key(0), key(1), key(2), key(3), key(4)), known);
    assertThat(verdict.deleted()).hasSize(5);
    assertThat(verdict.held()).isEmpty();
  }

  @Test
  void letsASingleDeletionGoBelowTheMinimumEvenWhenItIsTheWholeScope() {
    List<KnownApp> known = apps("prod", "shop", 1);
    Verdict verdict = judge(WatchScope.all(), Set.of(), known);
    assertThat(verdict.deleted()).containsExactly(key(0));
  }

  @Test
  void holdsAnEmptySnapshotOfABusyScope() {
    Verdict verdict = judge(WatchScope.all(), Set.of(), apps("prod", "shop", 5));
    assertThat(verdict.held()).hasSize(5);
  }

  private static Verdict judge(WatchScope scope, Set<AppKey> listed, List<KnownApp> known) {
    return SnapshotJudge.judge("s-1", "prod", scope, LISTED_AT, listed, known, GUARD);
  }

  private static List<KnownApp> apps(String cluster, String namespace, int count) {
    List<KnownApp> apps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      apps.add(new KnownApp(new AppKey(cluster, namespace, "app-" + i), true, BEFORE));
    }
    return apps;
  }

  private static AppKey key(int i) {
    return new AppKey("prod", "shop", "app-" + i);
  }
}
