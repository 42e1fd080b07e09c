package dev.opstream.planner.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.planner.core.SnapshotJudge.KnownApp;
import dev.opstream.planner.core.SnapshotJudge.PartitionCount;
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

  @Test
  void infersTheDeletionOfAnAppTheSnapshotNoLongerLists() {
    List<KnownApp> known = apps("prod", "shop", 4);
    PartitionCount verdict = count(WatchScope.all(), Set.of(key(0), key(1), key(2)), known);
    assertThat(verdict.missing()).containsExactly(key(3));
    assertThat(verdict.inScope()).isEqualTo(4);
  }

  @Test
  void leavesAppsOutsideTheScopeAlone() {
    List<KnownApp> known = new ArrayList<>(apps("prod", "shop", 2));
    known.add(new KnownApp(new AppKey("prod", "billing", "invoices"), true, BEFORE));
    PartitionCount verdict =
        count(WatchScope.namespaces(List.of("shop")), Set.of(key(0), key(1)), known);
    assertThat(verdict.missing()).isEmpty();
    assertThat(verdict.inScope()).isEqualTo(2);
  }

  @Test
  void leavesAppsOfOtherClustersAlone() {
    List<KnownApp> known = new ArrayList<>(apps("prod", "shop", 2));
    known.add(new KnownApp(new AppKey("staging", "shop", "app-0"), true, BEFORE));
    assertThat(count(WatchScope.all(), Set.of(key(0), key(1)), known).missing()).isEmpty();
  }

  @Test
  void leavesAnAppObservedAfterTheListWasTakenAlone() {
    List<KnownApp> known = new ArrayList<>(apps("prod", "shop", 3));
    known.add(new KnownApp(key(3), true, LISTED_AT.plusMillis(1)));
    assertThat(count(WatchScope.all(), Set.of(key(0), key(1), key(2)), known).missing()).isEmpty();
  }

  @Test
  void ignoresAppsAlreadyGone() {
    List<KnownApp> known = new ArrayList<>(apps("prod", "shop", 2));
    known.add(new KnownApp(key(2), false, BEFORE));
    assertThat(count(WatchScope.all(), Set.of(key(0), key(1)), known).missing()).isEmpty();
  }

  private static PartitionCount count(WatchScope scope, Set<AppKey> listed, List<KnownApp> known) {
    return SnapshotJudge.count("prod", scope, LISTED_AT, listed, known);
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
