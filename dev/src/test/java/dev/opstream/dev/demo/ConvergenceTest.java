package dev.opstream.dev.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.AppKey;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConvergenceTest {

  private static final Instant BACKUP = Instant.parse("2026-12-04T20:19:30Z");

  static AppObservation everything(AppKey app) {
    return new AppObservation(
        app, true, true, true, Optional.of(BACKUP), Optional.of("Converged"), 4, true);
  }

  static AppObservation nothing(AppKey app, long actions) {
    return new AppObservation(
        app, false, false, false, Optional.empty(), Optional.empty(), actions, true);
  }

  private static DemoApp app(DemoApp.Fate fate) {
    return new DemoApp(new AppKey("eks", "default", "shop"), fate);
  }

  @Test
  void aKeptAppHasConvergedWithAllThreeResourcesAndABackup() {
    DemoApp kept = app(DemoApp.Fate.KEPT);

    assertThat(Convergence.atEnd(kept, everything(kept.app()))).isEmpty();
  }

  @Test
  void aKeptAppWithoutItsBackupInTheStatusHasNotConverged() {
    DemoApp kept = app(DemoApp.Fate.KEPT);
    AppObservation noBackup =
        new AppObservation(
            kept.app(), true, true, true, Optional.empty(), Optional.of("Converged"), 4, true);

    assertThat(Convergence.atEnd(kept, noBackup))
        .containsExactly("eks/default/shop: its status reports no last backup");
    assertThat(Convergence.afterEnable(kept, noBackup)).isEmpty();
  }

  @Test
  void namesEachMissingResourceAndAStatusThatIsNotConverged() {
    DemoApp kept = app(DemoApp.Fate.KEPT);
    AppObservation partial =
        new AppObservation(
            kept.app(), true, false, false, Optional.empty(), Optional.of("Progressing"), 2, true);

    assertThat(Convergence.afterEnable(kept, partial))
        .containsExactly(
            "eks/default/shop: Redis release shop-redis is not deployed",
            "eks/default/shop: CronJob shop-redis-backup does not exist",
            "eks/default/shop: status is Progressing, not Converged");
  }

  @Test
  void aTornDownAppMayHaveHadActionsButNoResourceLeft() {
    DemoApp deleted = app(DemoApp.Fate.DELETED);

    assertThat(Convergence.atEnd(deleted, nothing(deleted.app(), 9))).isEmpty();
    assertThat(Convergence.atEnd(deleted, everything(deleted.app())))
        .containsExactly(
            "eks/default/shop: CronJob shop-redis-backup still exists",
            "eks/default/shop: Redis release shop-redis is still deployed",
            "eks/default/shop: bucket opstream-eks-default-shop still exists");
  }

  @Test
  void aNeverAnnotatedAppMustHaveNoActionAndAnUnchangedDeployment() {
    DemoApp never = app(DemoApp.Fate.NEVER_ANNOTATED);
    AppObservation touched =
        new AppObservation(
            never.app(), false, false, false, Optional.empty(), Optional.empty(), 1, false);

    assertThat(Convergence.atEnd(never, nothing(never.app(), 0))).isEmpty();
    assertThat(Convergence.afterEnable(never, touched))
        .containsExactly(
            "eks/default/shop: the planner emitted 1 actions for it",
            "eks/default/shop: its Deployment was changed");
  }
}
