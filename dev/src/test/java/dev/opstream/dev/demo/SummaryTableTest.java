package dev.opstream.dev.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstream.topics.records.AppKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

  @Test
  void showsOneAlignedRowPerAppWithItsResourcesLastBackupAndVerdict() {
    DemoApp cart = new DemoApp(new AppKey("eks", "default", "cart"), DemoApp.Fate.KEPT);
    DemoApp orders = new DemoApp(new AppKey("local", "default", "orders"), DemoApp.Fate.DELETED);
    DemoApp web = new DemoApp(new AppKey("eks", "default", "web"), DemoApp.Fate.NEVER_ANNOTATED);

    String table =
        SummaryTable.format(
            List.of(cart, orders, web),
            List.of(
                ConvergenceTest.everything(cart.app()),
                ConvergenceTest.nothing(orders.app(), 7),
                ConvergenceTest.nothing(web.app(), 0)));

    assertThat(table)
        .isEqualTo(
            """
            APP             CLUSTER  BUCKET                     RELEASE     CRONJOB            LAST BACKUP           STATE
            default/cart    eks      opstream-eks-default-cart  cart-redis  cart-redis-backup  2026-12-04T20:19:30Z  converged
            default/orders  local    -                          -           -                  -                     torn down (Deployment deleted)
            default/web     eks      -                          -           -                  -                     untouched (not annotated)
            """);
  }

  @Test
  void saysNotConvergedWithWhatWasWanted() {
    DemoApp shop = new DemoApp(new AppKey("eks", "default", "shop"), DemoApp.Fate.UNANNOTATED);

    String table =
        SummaryTable.format(List.of(shop), List.of(ConvergenceTest.everything(shop.app())));

    assertThat(table.lines().skip(1).findFirst().orElseThrow())
        .contains("opstream-eks-default-shop", "shop-redis", "shop-redis-backup")
        .endsWith("NOT CONVERGED (wanted: torn down (annotation removed))");
  }
}
